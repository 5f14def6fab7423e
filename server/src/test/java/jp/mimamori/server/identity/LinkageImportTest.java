package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.synth.SyntheticCity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code import-linkage}: a run in the files {@code spark link} writes, imported after a month of
 * in-process runs and a reviewer's decision, is stored exactly as the in-process {@code link} of the
 * same month would have stored it (persons and IDs, households, identities carried over, the search
 * index, the review queue with its explanations, the counts, model and blocking, and the export-links
 * file, which is the run's {@code links.csv} byte for byte). A malformed file is named by file, row and
 * column and stores nothing; a non-administrator is refused; a run computed before another run is refused.
 *
 * <p>The directory is written by core's in-process reference run of the extract ({@link IdentityRun#link}
 * then {@link IdentityFiles#writeRun}), which the spark module's {@code SparkTwoMonthsIdentityTest}
 * proves equal, file by file, to what {@code spark link} writes for the same extract.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-linkage-import", "mimamori.db.embedded.clean=true"})
class LinkageImportTest {

    static final UserAccount ADMIN = new UserAccount(0, "t-import", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());

    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired LinkageImport linkageImport;
    @Autowired ReviewQueue review;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @TempDir Path tmp;

    @Test
    void aSparkShapedRunImportsAsTheInProcessRunWouldHaveStoredIt() throws Exception {
        Path april = tmp.resolve("2026-04");
        Path may = tmp.resolve("2026-05");
        SyntheticCity.generate(new SyntheticCity.Options(1_500, 43, YearMonth.of(2026, 4), april), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(1_500, 43, YearMonth.of(2026, 5), may), m -> { });
        for (FolderIngest.Entry e : FolderIngest.manifest(april)) {
            ingest.load(ADMIN, e, null);
        }
        long first = identity.link(Actor.job("t-import", Role.ADMIN)).runId();
        SystemActor.runAs("t-supervisor", Role.CENTER_SUPERVISOR, () -> {
            ReviewQueue.Item item = review.open(Actor.current(), 1).get(0);
            review.decide(Actor.current(), item.a().source(), item.a().recordId(), item.b().source(), item.b().recordId(), true, "同一");
            return null;
        });
        for (FolderIngest.Entry e : FolderIngest.manifest(may)) {
            ingest.load(ADMIN, e, null);
        }

        // The extract, and the run as spark link writes it.
        Path extract = tmp.resolve("extract");
        identity.exportExtracts(Actor.job("t-import", Role.ADMIN), extract);
        IdentityFiles.Extract x = IdentityFiles.readExtract(extract);
        assertThat(x.info().basedOnRun()).isEqualTo(first);
        assertThat(x.previous()).isNotEmpty();
        assertThat(x.decisions()).hasSize(1);
        IdCarryOver.NewIds seed = IdCarryOver.NewIds.ofHex(x.info().idSeed());
        IdentityRun reference = IdentityRun.link(x.rows(), x.decisions(), null, x.previous(), x.households(), x.info().asOf(), seed);
        Path out = tmp.resolve("spark-out");
        IdentityFiles.writeRun(out, reference, x.info());

        // What the in-process link of the same month stores, with the extract's seed for new IDs, rolled back.
        Map<String, Long> before = counts();
        Map<String, Object> inProcess = new TransactionTemplate(transactions).execute(status -> {
            long run = identity.link(Actor.job("t-import", Role.ADMIN), null, seed).runId();
            Map<String, Object> s = snapshot(run);
            status.setRollbackOnly();
            return s;
        });
        assertThat(counts()).isEqualTo(before);
        assertThat((List<?>) inProcess.get("new persons")).as("May has new persons").isNotEmpty();

        // A non-administrator is refused, and nothing is stored.
        assertThatThrownBy(() -> SystemActor.runAs("t-supervisor", Role.CENTER_SUPERVISOR, () -> linkageImport.importRun(Actor.job("t-supervisor", Role.ADMIN), out)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(counts()).isEqualTo(before);

        // A malformed file: named by file, row and column; nothing stored.
        Path bad = copy(out, tmp.resolve("bad"));
        List<String> lines = new ArrayList<>(Files.readAllLines(bad.resolve(IdentityFiles.RECORD_LINKS), StandardCharsets.UTF_8));
        lines.set(4, lines.get(4).substring(0, lines.get(4).lastIndexOf(',') + 1) + "0.9x");
        Files.write(bad.resolve(IdentityFiles.RECORD_LINKS), lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> asAdmin(bad)).hasMessageContaining("record-links.csv, row 5, column match_probability: not a probability from 0 to 1: '0.9x'");
        assertThat(counts()).isEqualTo(before);
        // A run whose person IDs are not the ones carried over here (another seed's new IDs are fine, a made-up kept ID is not).
        Path stale = copy(out, tmp.resolve("stale"));
        String links = Files.readString(stale.resolve(IdentityFiles.RECORD_LINKS));
        String kept = reference.links().stream().map(IdentityRun.Link::personId).filter(p -> !reference.newPersons().contains(p)).findFirst().orElseThrow();
        Files.writeString(stale.resolve(IdentityFiles.RECORD_LINKS), links.replace(kept, "PZZZZZZZZZZZZ"));
        assertThatThrownBy(() -> asAdmin(stale)).hasMessageContaining("new persons").hasMessageContaining("nothing was stored");
        assertThat(counts()).isEqualTo(before);

        // The import: the same run.
        IdentityService.RunSummary imported = asAdmin(out);
        assertThat(snapshot(imported.runId())).isEqualTo(inProcess);
        assertThat(Files.readString(out.resolve(IdentityFiles.LINKS))).as("links.csv is export-links' file").isEqualTo(inProcess.get("export-links"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_IMPORTED' and target = :t").param("t", "link_run:" + imported.runId())
                .query(Long.class).single()).isEqualTo(1);
        // The centre's pages read it as the latest run.
        assertThat(identity.latestRun(-1)).contains(imported.runId());
        SystemActor.runAs("t-supervisor", Role.CENTER_SUPERVISOR, () -> {
            assertThat(review.open(Actor.current(), 5)).isNotEmpty().allSatisfy(i -> assertThat(i.runId()).isEqualTo(imported.runId()));
            return null;
        });
        IdentityRun.Link linked = reference.links().stream().filter(l -> l.source().equals("juki") && l.child()).findFirst().orElseThrow();
        assertThat(identity.explain(Actor.job("t-import", Role.ADMIN), "juki", linked.recordId()).personId()).isEqualTo(linked.personId());

        // The same files again: a run (this one) happened after their extract.
        assertThatThrownBy(() -> asAdmin(out)).hasMessageContaining("a linkage run happened after the extract");
    }

    private IdentityService.RunSummary asAdmin(Path dir) {
        return SystemActor.runAs("cli:t-import", Role.ADMIN, () -> linkageImport.importRun(Actor.job("cli:t-import", Role.ADMIN), dir));
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : LinkFaultTest.LINK_TABLES) {
            m.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single());
        }
        return m;
    }

    /** Everything a run stored, without its run number. */
    private Map<String, Object> snapshot(long run) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run", jdbc.sql("""
                select records, persons, candidate_pairs, matched_pairs, review_pairs, new_persons, kept_persons, model::text, blocking::text
                from link_run where id = :r and finished_at is not null""").param("r", run).query((rs, i) -> {
                    List<Object> v = new ArrayList<>();
                    for (int c = 1; c <= 9; c++) {
                        v.add(rs.getObject(c));
                    }
                    return v;
                }).single());
        s.put("record links", rows("select source_code, record_id, person_id, household_id, is_child, match_probability from record_link where run_id = :r order by 1, 2", run, 6));
        s.put("new persons", rows("select person_id from person where first_run = :r order by 1", run, 1));
        s.put("new households", rows("select household_id, juki_household_no from household where first_run = :r order by 1", run, 2));
        s.put("identities", rows("select source_code, record_id, person_id from record_identity where :r > 0 order by 1, 2", run, 3));
        s.put("review", rows("select seq, source_a, record_a, source_b, record_b, probability, explanation::text from link_review where run_id = :r order by seq", run, 7));
        s.put("profiles", rows("""
                select person_id, household_id, is_child, name, kana, birth_date, sex, address, address_key, sources, left_on
                from person_profile where run_id = :r order by 1""", run, 11));
        s.put("keys", rows("select key, person_id from person_key where :r > 0 order by 1, 2", run, 2));
        StringWriter w = new StringWriter();
        try {
            identity.exportLinks(Actor.job("t-import", Role.ADMIN), w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.put("export-links", w.toString());
        return s;
    }

    private List<List<Object>> rows(String sql, long run, int columns) {
        return jdbc.sql(sql).param("r", run).query((rs, i) -> {
            List<Object> v = new ArrayList<>();
            for (int c = 1; c <= columns; c++) {
                v.add(rs.getObject(c));
            }
            return v;
        }).list();
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
