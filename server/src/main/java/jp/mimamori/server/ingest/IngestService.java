package jp.mimamori.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.extract.DefinitionLoader;
import jp.mimamori.core.extract.ExtractParser;
import jp.mimamori.core.extract.Problem;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.server.db.Json;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads one department extract: checks every row against the source's definition and, in one transaction
 * through PostgreSQL COPY, stores the good rows with the bad ones quarantined or, under the source's
 * reject-file policy or when too much of the file is bad, nothing ({@link UploadPolicy} says which to staff). The file is read as a
 * stream twice (hash, then rows), never whole. Every load, accepted or not, is kept in the history
 * and audited; a file whose exact bytes were loaded before adds nothing. A stored load becomes the
 * source's current one only when it looks like it ({@link LoadChecks}); otherwise it is held
 * (確認待ち) until an administrator decides ({@link LoadDecisions}).
 */
@Service
public class IngestService {

    /** Problems stored per load; the count of all problems is kept beside them. */
    static final int MAX_STORED_PROBLEMS = 10_000;
    /** Quarantined rows kept per load; a file with more bad rows than this is rejected whole. */
    static final int MAX_QUARANTINED_ROWS = 100_000;
    /** The bad-row share rule applies only above this many bad rows, so that one typo in a small file does not reject it. */
    static final int MIN_BAD_ROWS_TO_REJECT = 10;

    private final SourceDefinitions definitions;
    private final IngestRepository repository;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final double holdBound;

    public IngestService(SourceDefinitions definitions, IngestRepository repository, DataSource dataSource,
                         TransactionTemplate tx, AuditLog audit,
                         @org.springframework.beans.factory.annotation.Value("${mimamori.ingest.hold.max-change:0.20}") double holdBound) {
        if (!(holdBound > 0)) {
            throw new IllegalStateException("mimamori.ingest.hold.max-change は 0 より大きい割合で設定してください（例: 0.2）/ "
                    + "mimamori.ingest.hold.max-change must be a share above 0 (e.g. 0.2 for ±20%)");
        }
        this.holdBound = holdBound;
        this.definitions = definitions;
        this.repository = repository;
        this.dataSource = dataSource;
        this.tx = tx;
        this.audit = audit;
    }

    /** Progress of a long load: rows read and bytes of the file consumed. */
    public interface Progress {
        void update(long rows, long bytes, long totalBytes);
    }

    /** Departments store only their own source; the administrator (and the server's own command line) any. */
    public void authorise(UserAccount actor, SourceSystem source) {
        boolean ok = actor.role() == Role.ADMIN
                || actor.role() == Role.DEPT_UPLOADER && actor.source().filter(source::equals).isPresent();
        if (!ok) {
            audit.record(new AuditLog.Event(actor.username(), actor.role().name(), AuditAction.ACCESS_DENIED, "source:" + source.code(),
                    null, "ingest refused", CurrentActor.remoteAddr()));
            throw new AccessDeniedException("このデータ種別を登録する権限がありません / you may not store data for " + source.code());
        }
    }

    /** The sources whose loads this person may see: their own, or all for the administrator. */
    public List<SourceSystem> visibleSources(UserAccount actor) {
        if (actor.role() == Role.ADMIN) {
            return List.of(SourceSystem.values());
        }
        return actor.role() == Role.DEPT_UPLOADER ? actor.source().stream().toList() : List.of();
    }

    /** What each of these sources does with bad rows, from the definitions in force. */
    public List<UploadPolicy> policies(List<SourceSystem> sources) {
        return sources.stream().flatMap(s -> definitions.get(s).stream()).map(UploadPolicy::of).toList();
    }

    public LoadReport report(UserAccount actor, long id) {
        LoadReport r = repository.find(id).orElseThrow(() -> new LoadNotFoundException(id));
        authorise(actor, SourceSystem.fromCode(r.source()).orElseThrow());
        return r;
    }

    public LoadReport load(UserAccount actor, SourceSystem source, YearMonth month, String fileName, Path file, Progress progress) {
        authorise(actor, source);
        DefinitionLoader.Loaded def = definitions.get(source)
                .orElseThrow(() -> new IllegalStateException("定義がありません / no definition for source " + source.code()));
        long size;
        String sha256;
        try {
            size = Files.size(file);
            sha256 = sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException("ファイルを読めません / cannot read " + file, e);
        }
        Optional<LoadReport> before = repository.loadedWithHash(source, sha256);
        if (before.isPresent()) {
            audit.record(event(actor, AuditAction.LOAD_DUPLICATE, source, fileName + " sha256=" + sha256 + " same as load " + before.get().id()));
            return before.get().asDuplicate();
        }
        String policy = def.definition().policy().key();
        try {
            long id = tx.execute(status -> loadInTransaction(actor, source, month, fileName, file, size, sha256, def, progress));
            return repository.find(id).orElseThrow();
        } catch (LoadedMeanwhile m) {
            // The same bytes sent twice at once (a client retrying, two schedulers): the one that got the source's
            // lock first stored them, this one is answered as any other duplicate, naming that load, and stores nothing.
            audit.record(event(actor, AuditAction.LOAD_DUPLICATE, source, fileName + " sha256=" + sha256 + " same as load " + m.earlier.id()
                    + " (stored while this upload waited)"));
            return m.earlier.asDuplicate();
        } catch (Rejected r) {
            long id = tx.execute(status -> {
                long lid = repository.insert(source, month, fileName, sha256, size, r.encoding, policy, "REJECTED", actor.username());
                repository.insertProblems(lid, r.problems);
                repository.finish(lid, r.encoding, r.rows, 0, r.rows, r.problemsTotal, r.summaryJa, r.summaryEn);
                audit.record(event(actor, AuditAction.LOAD_REJECTED, source, fileName + " sha256=" + sha256 + " rows=" + r.rows
                        + " problems=" + r.problemsTotal + ": " + r.summaryEn));
                return lid;
            });
            return repository.find(id).orElseThrow();
        }
    }

    private long loadInTransaction(UserAccount actor, SourceSystem source, YearMonth month, String fileName, Path file, long size,
                                   String sha256, DefinitionLoader.Loaded def, Progress progress) {
        // One load per source at a time, so that "current" and the duplicate check stay true.
        repository.lock(source);
        Optional<LoadReport> meanwhile = repository.loadedWithHash(source, sha256);
        if (meanwhile.isPresent()) {
            throw new LoadedMeanwhile(meanwhile.get());
        }
        long id = repository.insert(source, month, fileName, sha256, size, def.definition().encoding().key(),
                def.definition().policy().key(), "LOADED", actor.username());
        Connection con = DataSourceUtils.getConnection(dataSource);
        Collector sink;
        ExtractParser.Result result;
        try (InputStream in = Files.newInputStream(file)) {
            CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY extract_row (load_id, line_no, record_id, fields, raw) FROM STDIN WITH (FORMAT csv)");
            sink = new Collector(id, copy, size, progress);
            try {
                result = ExtractParser.parse(def.definition(), in, sink);
                sink.flush();
                if (result.fileRejected() || sink.tooManyBad || (sink.bad > 0 && def.definition().policy() == BadRowPolicy.REJECT_FILE)) {
                    copy.cancelCopy();
                } else {
                    copy.endCopy();
                }
            } catch (RuntimeException | SQLException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("データベースへの書き込みに失敗しました / writing to the database failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String enc = result.encoding().key();
        if (result.fileRejected()) {
            Problem p = result.fileProblems().get(0);
            throw new Rejected(enc, result.rows(), result.fileProblems(), 1,
                    "ファイル全体を取り込みませんでした: " + p.reasonJa(), "the whole file was rejected: " + p.reasonEn());
        }
        if (sink.bad > 0 && def.definition().policy() == BadRowPolicy.REJECT_FILE) {
            throw new Rejected(enc, result.rows(), sink.problems, sink.problemsTotal,
                    "不正な行が " + sink.bad + " 行あるため、ファイル全体を取り込みませんでした（方針: " + BadRowPolicy.REJECT_FILE.labelJa() + "）",
                    sink.bad + " bad rows; the whole file was rejected (policy: " + BadRowPolicy.REJECT_FILE.labelEn() + ")");
        }
        double ratio = result.rows() == 0 ? 0 : sink.bad / (double) result.rows();
        // A mostly broken file is not an extract with a few bad rows: refuse it whole. A handful of
        // bad rows in a small file is still quarantined, and a file with no good row never "loads".
        if (sink.tooManyBad || sink.good == 0 || (ratio > def.maxBadRowRatio() && sink.bad > MIN_BAD_ROWS_TO_REJECT)) {
            throw new Rejected(enc, result.rows(), sink.problems, sink.problemsTotal,
                    String.format("不正な行が多すぎるため（%d 行、%.1f%%、上限 %.1f%%）、ファイル全体を取り込みませんでした", sink.bad, ratio * 100, def.maxBadRowRatio() * 100),
                    String.format("too many bad rows (%d, %.1f%%, limit %.1f%%): the whole file was rejected", sink.bad, ratio * 100, def.maxBadRowRatio() * 100));
        }
        for (ExtractParser.BadRow b : sink.quarantine) {
            // jsonb cannot hold U+0000 even escaped: a quarantined row keeps it as the text backslash-u0000.
            repository.insertQuarantined(id, b.line(), Json.array(b.values().stream().map(jp.mimamori.server.validation.Nul::escape).toList()));
        }
        repository.insertProblems(id, sink.problems);
        Long households = hasHouseholds(def) ? repository.countHouseholds(id) : null;
        if (households != null) {
            repository.setHouseholds(id, households);
        }
        // Compared with the current load under the source's lock (taken at the start of this transaction), so that
        // no other load of the source, and no administrator's decision, changes what is current in between.
        Optional<LoadReport> current = repository.current(source);
        List<LoadChecks.Reason> reasons = current.map(c -> LoadChecks.reasons(c.id(), LoadChecks.Counts.of(c, householdsOf(c, def)),
                new LoadChecks.Counts(month, sink.good, households, sink.bad, result.rows()), holdBound)).orElse(List.of());
        String detail = fileName + " month=" + month + " sha256=" + sha256 + " rows=" + result.rows() + " loaded=" + sink.good
                + " quarantined=" + sink.bad + (households == null ? "" : " households=" + households);
        if (!reasons.isEmpty()) {
            long cid = current.orElseThrow().id();
            String why = String.join("。", reasons.stream().map(LoadChecks.Reason::ja).toList());
            String whyEn = String.join("; ", reasons.stream().map(LoadChecks.Reason::en).toList());
            String ja = String.format("確認待ち: %,d 行を保存しましたが、現行の取込（取込番号 %d）と大きく異なるため、管理者が確認するまで現行になりません。"
                    + "名寄せ・評価は引き続き取込番号 %d を使います。理由: %s。", sink.good, cid, cid, why);
            String en = String.format("held for confirmation: %,d rows were stored, but they differ too much from the current load (%d) to replace it "
                    + "until an administrator confirms them; linkage and assessment keep using load %d. Reasons: %s.", sink.good, cid, cid, whyEn);
            repository.finish(id, enc, result.rows(), sink.good, sink.bad, sink.problemsTotal, ja, en);
            repository.hold(id, cid, why, whyEn);
            audit.record(event(actor, AuditAction.LOAD_HELD, source, detail + " compared with load " + cid + ": " + whyEn));
            return id;
        }
        String ja = "取込完了: " + sink.good + " 行" + (sink.bad > 0 ? "、隔離 " + sink.bad + " 行" : "");
        String en = "loaded " + sink.good + " rows" + (sink.bad > 0 ? ", quarantined " + sink.bad : "");
        repository.finish(id, enc, result.rows(), sink.good, sink.bad, sink.problemsTotal, ja, en);
        repository.makeCurrent(source, id, null);
        audit.record(event(actor, AuditAction.LOAD_ACCEPTED, source, detail));
        return id;
    }

    /** Whether the source's rows carry a household number to count (住民記録's 世帯番号). */
    static boolean hasHouseholds(DefinitionLoader.Loaded def) {
        return def.definition().columns().stream().anyMatch(c -> "household_no".equals(c.field()));
    }

    /** A current load's households: stored since V19; counted from its rows for a load made before. */
    private Long householdsOf(LoadReport c, DefinitionLoader.Loaded def) {
        if (!hasHouseholds(def)) {
            return null;
        }
        return c.households() != null ? c.households() : repository.countHouseholds(c.id());
    }

    private static AuditLog.Event event(UserAccount actor, AuditAction action, SourceSystem source, String detail) {
        return new AuditLog.Event(actor.username(), actor.role().name(), action, "source:" + source.code(), null, detail, CurrentActor.remoteAddr());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same file was stored by another upload while this one waited for the source's lock: nothing to store. */
    private static final class LoadedMeanwhile extends RuntimeException {
        final LoadReport earlier;

        LoadedMeanwhile(LoadReport earlier) {
            super("load " + earlier.id(), null, false, false);
            this.earlier = earlier;
        }
    }

    /** Ends the load transaction without storing anything; the rejection is then recorded on its own. */
    static final class Rejected extends RuntimeException {
        final String encoding;
        final long rows;
        final List<Problem> problems;
        final long problemsTotal;
        final String summaryJa;
        final String summaryEn;

        Rejected(String encoding, long rows, List<Problem> problems, long problemsTotal, String ja, String en) {
            super(en, null, false, false);
            this.encoding = encoding;
            this.rows = rows;
            this.problems = problems;
            this.problemsTotal = problemsTotal;
            this.summaryJa = ja;
            this.summaryEn = en;
        }
    }

    /** Streams good rows into COPY in 1 MB chunks; keeps bad rows and problems up to their limits. */
    private static final class Collector implements ExtractParser.Sink {
        final long loadId;
        final CopyIn copy;
        final long totalBytes;
        final Progress progress;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        final StringBuilder line = new StringBuilder(512);
        final List<Problem> problems = new ArrayList<>();
        final List<ExtractParser.BadRow> quarantine = new ArrayList<>();
        long good;
        long bad;
        long problemsTotal;
        boolean tooManyBad;

        Collector(long loadId, CopyIn copy, long totalBytes, Progress progress) {
            this.loadId = loadId;
            this.copy = copy;
            this.totalBytes = totalBytes;
            this.progress = progress;
        }

        @Override
        public void good(ExtractParser.ParsedRow row) {
            good++;
            line.setLength(0);
            line.append(loadId).append(',').append(row.line()).append(',');
            csv(line, row.recordId());
            line.append(',');
            csv(line, Json.object(row.fields()));
            line.append(',');
            if (!row.raw().isEmpty()) {
                csv(line, Json.object(row.raw()));
            }
            line.append('\n');
            byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
            buf.write(b, 0, b.length);
            if (buf.size() >= (1 << 20)) {
                flush();
            }
        }

        @Override
        public void bad(ExtractParser.BadRow row) {
            bad++;
            if (quarantine.size() < MAX_QUARANTINED_ROWS) {
                quarantine.add(row);
            } else {
                tooManyBad = true;
            }
            for (Problem p : row.problems()) {
                problemsTotal++;
                if (problems.size() < MAX_STORED_PROBLEMS) {
                    problems.add(p);
                }
            }
        }

        @Override
        public void progress(long rows, long bytes) {
            if (progress != null) {
                progress.update(rows, bytes, totalBytes);
            }
        }

        void flush() {
            if (buf.size() == 0) {
                return;
            }
            try {
                copy.writeToCopy(buf.toByteArray(), 0, buf.size());
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
            }
            buf.reset();
        }

        private static void csv(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    b.append('"');
                }
                b.append(c);
            }
            b.append('"');
        }
    }
}
