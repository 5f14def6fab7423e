package jp.mimamori.server.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import jp.mimamori.core.csv.SafeCsv;
import jp.mimamori.core.link.Contribution;
import jp.mimamori.core.link.Decision;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkRecordsCsv;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.Model;
import jp.mimamori.core.link.RowFolding;
import jp.mimamori.core.link.ScoredPair;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.db.Copy;
import jp.mimamori.server.db.RunLock;
import jp.mimamori.server.time.Times;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 名寄せ (identity resolution) over the current load of every source: links the records with the core
 * engine, respecting reviewers' decisions, and gives every person a random ID that they keep from one
 * monthly run to the next (carried over through the departments' own record numbers, so a child whose
 * surname changes or who moves keeps it), and every registry household a stable 世帯ID.
 */
@Service
public class IdentityService {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final Times times;

    public IdentityService(JdbcClient jdbc, DataSource dataSource, AuditLog audit, Times times) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.audit = audit;
        this.times = times;
    }

    /**
     * One source row as linkage reads it, with the registry's household number where there is one, and
     * the day the registry says the person left the city (転出) or died, where it says so.
     */
    public record SourceRow(String source, String recordId, String name, String kana, LocalDate birth, String sex, String address,
                     String householdNo, LocalDate month, LocalDate leftOn, String postcode, String sharedId) {
    }

    public record RunSummary(long runId, long records, long persons, long newPersons, long keptPersons, long candidatePairs,
                             long matchedPairs, long reviewPairs, long children) {
    }

    /** The current loads' rows, folded into link records (rows of one source saying the same thing are one record). */
    record Input(List<SourceRow> rows, List<LinkRecord> rowRecords, RowFolding folded, List<Long> loads) {
        /** The folded records, as the engine links them. */
        List<LinkRecord> records() {
            return folded.records();
        }

        /**
         * Each row's key ({@code source:record}) → its record's index. Built when asked and not kept with the
         * input: at a million residents it is hundreds of MiB that the run's writing phase needs.
         */
        Map<String, Integer> indexOf() {
            return IdentityRun.indexOf(rowRecords, folded);
        }
    }

    /**
     * A run computed and not yet stored: what {@link #store} needs and no more, so that the engine's records and
     * the earlier identities can be collected before the writing starts.
     *
     * @param changed  the rows whose person differs from the one their record had in the latest run that saw it
     * @param firstRun no earlier run had identified any record
     */
    record Computed(List<SourceRow> rows, IdentityRun run, BitSet changed, boolean firstRun) {
    }

    /** One linked record explained: each record the latest run put with it, and every field's contribution. */
    public record Explanation(SourceRow record, String personId, List<Mate> mates) {
    }

    public record Mate(SourceRow record, double probability, List<Contribution> contributions) {
    }

    /**
     * Why a record belongs to its person in the latest run: it is compared with each record the run put
     * with it, with the model estimated on the current loads (the same data the run used, unless
     * something was loaded since). Not read-only: looking at named people writes an audit row.
     */
    @Transactional
    public Explanation explain(Actor actor, String source, String recordId) {
        long run = latestRun(-1).orElseThrow(() -> new IllegalStateException("名寄せがまだ実行されていません / no linkage run yet: run link first"));
        String personId = jdbc.sql("select person_id from record_link where run_id = :r and source_code = :s and record_id = :id")
                .param("r", run).param("s", source).param("id", recordId).query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("この記録は最新の名寄せにありません / record " + source + ":" + recordId + " is not in the latest linkage run"));
        List<String[]> mates = jdbc.sql("select source_code, record_id from record_link where run_id = :r and person_id = :p and not (source_code = :s and record_id = :id)")
                .param("r", run).param("p", personId).param("s", source).param("id", recordId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        Input in = input();
        Map<String, Integer> indexOf = in.indexOf();
        Integer a = indexOf.get(source + ":" + recordId);
        if (a == null) {
            throw new IllegalArgumentException("この記録は現在の取込データにありません / record " + source + ":" + recordId + " is not in the current loads");
        }
        LinkageEngine engine = new LinkageEngine();
        // The run's own model (filled since issue 12), so the explanation is exactly what the run decided by; runs from
        // before models were stored are explained with one estimated on the current loads.
        Model model = storedModel(run).orElseGet(() -> engine.estimate(in.records()));
        List<Integer> others = new ArrayList<>();
        List<SourceRow> mateRows = new ArrayList<>();
        for (String[] m : mates) {
            Integer b = indexOf.get(m[0] + ":" + m[1]);
            // Rows folded into one record (a child's health-check rows) are explained once.
            if (b != null && !b.equals(a) && !others.contains(b)) {
                others.add(b);
                mateRows.add(rowOf(in, m[0], m[1]));
            }
        }
        List<ScoredPair> scored = engine.explain(model, in.records(), a, others);
        List<Mate> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            out.add(new Mate(mateRows.get(i), scored.get(i).probability(), scored.get(i).contributions()));
        }
        audit.record(actor.event(AuditAction.LINK_EXPLAINED, source + ":" + recordId, "person " + personId + ", " + out.size() + " linked records"));
        return new Explanation(rowOf(in, source, recordId), personId, out);
    }

    private static SourceRow rowOf(Input in, String source, String recordId) {
        for (SourceRow r : in.rows()) {
            if (r.source().equals(source) && r.recordId().equals(recordId)) {
                return r;
            }
        }
        throw new IllegalStateException(source + ":" + recordId);
    }

    /**
     * Records each record's person for the next runs, writing only the records whose person changed
     * (on a monthly run, a handful). The first run writes every record, into an empty table whose key
     * is built once afterwards rather than row by row.
     */
    private void rememberIdentities(List<IdentityRun.Link> links, BitSet changed, boolean first) {
        if (changed.isEmpty()) {
            return;
        }
        if (first && jdbc.sql("select not exists (select 1 from record_identity)").query(Boolean.class).single()) {
            // The key is the table owner's to drop and add; the application's role calls the two owner functions (V17).
            jdbc.sql("select record_identity_drop_key()").query((rs, i) -> 1).list();
            copyIdentities("COPY record_identity (source_code, record_id, person_id) FROM STDIN WITH (FORMAT csv)", links, changed);
            jdbc.sql("select record_identity_add_key()").query((rs, i) -> 1).list();
            return;
        }
        jdbc.sql("create temporary table record_identity_change (like record_identity) on commit drop").update();
        copyIdentities("COPY record_identity_change (source_code, record_id, person_id) FROM STDIN WITH (FORMAT csv)", links, changed);
        jdbc.sql("""
                insert into record_identity select * from record_identity_change
                on conflict (source_code, record_id) do update set person_id = excluded.person_id""").update();
    }

    private void copyIdentities(String sql, List<IdentityRun.Link> links, BitSet changed) {
        try (Copy.Rows out = Copy.rows(dataSource, sql)) {
            for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
                IdentityRun.Link l = links.get(i);
                out.row(l.source(), l.recordId(), l.personId());
            }
            out.end();
        }
    }

    /** The rows ({@code links} are in the rows' order) whose person differs from the one their record had in the latest run that saw it. */
    static BitSet changed(List<IdentityRun.Link> links, Map<String, String> previous) {
        BitSet changed = new BitSet(links.size());
        for (int i = 0; i < links.size(); i++) {
            IdentityRun.Link l = links.get(i);
            if (!l.personId().equals(previous.get(IdCarryOver.key(l.source(), l.recordId())))) {
                changed.set(i);
            }
        }
        return changed;
    }

    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

    private static String seconds(long from, long to) {
        return String.format("%.1f", (to - from) / 1e9);
    }

    Input input() {
        TreeSet<Long> loads = new TreeSet<>();
        // Values that many rows share (the source, sex, month, postcode, address: a household's members, one
        // address in several sources) are kept once: at a million residents the rows are millions, held
        // through the whole run.
        Map<Object, Object> shared = new HashMap<>();
        List<SourceRow> rows = jdbc.sql("""
                select load_id, source_code, month, record_id, name, kana, birth_date::text as birth, sex, address, household_no, postcode, shared_id,
                       case when source_code = 'juki' and event in ('転出', '死亡') then event_date::text end as left_on
                from extract_record where current order by source_code, line_no""")
                .query((rs, i) -> {
                    loads.add(rs.getLong("load_id"));
                    return new SourceRow(once(shared, rs.getString("source_code")), rs.getString("record_id"), rs.getString("name"),
                        rs.getString("kana"), rs.getString("birth") == null ? null : LocalDate.parse(rs.getString("birth")),
                        once(shared, LinkRecord.sex(rs.getString("sex"))), once(shared, rs.getString("address")), rs.getString("household_no"),
                        once(shared, rs.getObject("month", LocalDate.class)),
                        rs.getString("left_on") == null ? null : LocalDate.parse(rs.getString("left_on")),
                        once(shared, rs.getString("postcode")), rs.getString("shared_id"));
                })
                .list();
        if (rows.isEmpty()) {
            throw new IllegalStateException("取込済みのデータがありません / nothing has been loaded yet: run ingest first");
        }
        return fold(rows, List.copyOf(loads));
    }

    /** The one instance of {@code value} that the rows share. */
    @SuppressWarnings("unchecked")
    private static <T> T once(Map<Object, Object> shared, T value) {
        return value == null ? null : (T) shared.computeIfAbsent(value, v -> v);
    }

    private static Input fold(List<SourceRow> rows, List<Long> loads) {
        // Rows of one source that say the same thing about one person are one record (a child's health checks).
        List<LinkRecord> rowRecords = new ArrayList<>(rows.size());
        for (SourceRow r : rows) {
            rowRecords.add(RowFolding.row(r.source(), r.recordId(), r.name(), r.kana(), r.birth(), r.sex(), r.address(), r.postcode(),
                    r.sharedId(), r.householdNo()));
        }
        RowFolding folded = RowFolding.fold(rowRecords);
        return new Input(rows, rowRecords, folded, loads);
    }

    /** Reviewers' decisions about records of this input, by record index. */
    private List<Decision> decisions(Input in) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, Integer> indexOf = in.indexOf();
        jdbc.sql("select * from link_decision").query(rs -> {
            Integer a = indexOf.get(rs.getString("source_a") + ":" + rs.getString("record_a"));
            Integer b = indexOf.get(rs.getString("source_b") + ":" + rs.getString("record_b"));
            if (a != null && b != null && !a.equals(b)) {
                decisions.add(new Decision(a, b, rs.getBoolean("same")));
            }
        });
        return decisions;
    }

    /**
     * Linkage, its explanations and its exports are the administrator's commands (LinkCommand, the demo
     * pipeline): {@code actor} is the named job, {@code Actor.job(name, Role.ADMIN)}, as the audit records it.
     */
    @Transactional
    public RunSummary link(Actor actor) {
        return link(actor, null);
    }

    @Transactional
    public RunSummary link(Actor actor, Model model) {
        return link(actor, model, IdCarryOver.NewIds.random());
    }

    /**
     * Links the current loads. With {@code model} (one saved by an earlier run or {@code --model FILE})
     * the model is not learned again: train once, score monthly. The model used is stored with the run.
     * New person and household IDs are computed with {@code ids} (a fresh random seed for every run
     * unless a caller gives the seed of an extract, to compare with a Spark run of it: see {@link IdCarryOver}).
     *
     * <p>One transaction, one run at a time: a second run while this one works is refused at once with
     * {@link RunLock.Busy} naming this one; a run that fails or is killed leaves nothing (no link_run
     * row, no person, no changed ID), and the previous run stays the latest. The current loads are read
     * in one statement at the start, so a load that becomes current meanwhile is left for the next run.
     */
    @Transactional
    public RunSummary link(Actor actor, Model model, IdCarryOver.NewIds ids) {
        long t0 = System.nanoTime();
        long runId = startRun(actor);
        Computed computed = compute(model, ids);
        long t1 = System.nanoTime();
        RunSummary s = store(runId, actor, computed, AuditAction.LINK_RUN, "");
        LOG.info("名寄せ / linkage run {}: computed {} s, stored {} s", runId, seconds(t0, t1), seconds(t1, System.nanoTime()));
        return s;
    }

    /**
     * Links the current loads and assigns IDs. A method of its own so that what only the computing needs (the
     * folded records, the engine's result, every earlier identity: at a million residents more than a GiB) is
     * garbage once it returns, before the writing starts.
     */
    private Computed compute(Model model, IdCarryOver.NewIds ids) {
        long t0 = System.nanoTime();
        Input in = input();
        long t1 = System.nanoTime();
        LOG.info("名寄せ / linkage: {} rows read, {} records to compare", in.rows().size(), in.records().size());
        LinkResult result = new LinkageEngine().link(in.records(), decisions(in), model);
        long t2 = System.nanoTime();
        LOG.info("名寄せ / linkage: engine done, {} candidate pairs, {} linked; writing", result.candidatePairs(), result.matchedPairs());
        // Carry each person's ID over through the records they had, as last seen in any earlier run: a
        // child who moved out and back in, with the same registry number, gets the old ID again (core's IdCarryOver).
        Map<String, String> previous = previousIdentities();
        IdentityRun run = IdentityRun.of(in.rowRecords(), in.folded(), result, previous, householdIds(), asOf(in), ids);
        LOG.info("名寄せ / linkage: read {} s, engine {} s, IDs {} s", seconds(t0, t1), seconds(t1, t2), seconds(t2, System.nanoTime()));
        return new Computed(in.rows(), run, changed(run.links(), previous), previous.isEmpty());
    }

    /** Takes the run lock and writes the run's row (invisible to others until it commits), so that a refused second run can name it. */
    long startRun(Actor actor) {
        RunLock.take(jdbc, RunLock.Job.LINK, times);
        long runId = jdbc.sql("insert into link_run (run_by) values (:u) returning id").param("u", actor.name()).query(Long.class).single();
        RunLock.label(jdbc, RunLock.Job.LINK, runId, actor.name());
        return runId;
    }

    /** Each record's person in the latest run that saw it ({@code record_identity}), by {@link IdCarryOver#key}. */
    Map<String, String> previousIdentities() {
        Map<String, String> previous = new HashMap<>();
        // A person's ID is one string however many records name it (a few hundred MiB fewer at a million residents).
        Map<String, String> ids = new HashMap<>();
        jdbc.sql("select source_code, record_id, person_id from record_identity").query(rs -> {
            String id = rs.getString(3);
            previous.put(IdCarryOver.key(rs.getString(1), rs.getString(2)), ids.computeIfAbsent(id, k -> k));
        });
        return previous;
    }

    /** Every registry household seen so far: 世帯番号 → 世帯ID. */
    Map<String, String> householdIds() {
        Map<String, String> households = new HashMap<>();
        jdbc.sql("select juki_household_no, household_id from household").query(rs -> {
            households.put(rs.getString(1), rs.getString(2));
        });
        return households;
    }

    /** The last day of the latest month of the current loads: who is a child is decided on it. */
    static LocalDate asOf(Input in) {
        return in.rows().stream().map(SourceRow::month).max(LocalDate::compareTo).orElseThrow().plusMonths(1).minusDays(1);
    }

    /**
     * Stores a run, computed here or read from a Spark run's files ({@link LinkageImport}), one way: the
     * new persons and households, every row's link, the changed identities, the search index (from the
     * rows as the database holds them), the review queue, the counts, model and blocking, and the audit
     * row. {@code run.links()} are in the order of {@code computed.rows()}. Every table is written a row at a
     * time ({@link Copy#rows}): at a million residents their texts would be GiBs.
     */
    RunSummary store(long runId, Actor actor, Computed computed, AuditAction action, String detail) {
        IdentityRun run = computed.run();
        List<IdentityRun.Link> links = run.links();
        try (Copy.Rows out = Copy.rows(dataSource, "COPY person (person_id, first_run) FROM STDIN WITH (FORMAT csv)")) {
            for (String p : run.newPersons()) {
                out.row(p, runId);
            }
            out.end();
        }
        try (Copy.Rows out = Copy.rows(dataSource, "COPY household (household_id, juki_household_no, first_run) FROM STDIN WITH (FORMAT csv)")) {
            for (IdCarryOver.NewHousehold h : run.newHouseholds()) {
                out.row(h.householdId(), h.householdNo(), runId);
            }
            out.end();
        }
        try (Copy.Rows out = Copy.rows(dataSource,
                "COPY record_link (run_id, source_code, record_id, person_id, household_id, is_child, match_probability) FROM STDIN WITH (FORMAT csv)")) {
            for (IdentityRun.Link l : links) {
                out.row(runId, l.source(), l.recordId(), l.personId(), l.householdId(), l.child(), l.probability());
            }
            out.end();
        }
        // The links' references, checked once for the whole run instead of row by row (V14).
        long dangling = jdbc.sql("""
                select count(*) from record_link k left join person p on p.person_id = k.person_id
                left join household h on h.household_id = k.household_id
                where k.run_id = :r and (p.person_id is null or (k.household_id is not null and h.household_id is null))""")
                .param("r", runId).query(Long.class).single();
        if (dangling > 0) {
            throw new IllegalStateException("名寄せの結果に存在しない人・世帯への参照があります（" + dangling + "件）/ " + dangling
                    + " record links point to no person or household; nothing was saved");
        }
        rememberIdentities(links, computed.changed(), computed.firstRun());
        writePersonIndex(runId, computed.rows(), links);
        // The review queue in one COPY: at a million residents it holds tens of thousands of pairs.
        try (Copy.Rows out = Copy.rows(dataSource,
                "COPY link_review (run_id, seq, source_a, record_a, source_b, record_b, probability, explanation) FROM STDIN WITH (FORMAT csv)")) {
            int seq = 0;
            for (IdentityRun.Review v : run.review()) {
                out.row(runId, ++seq, v.sourceA(), v.recordA(), v.sourceB(), v.recordB(), v.probability(), v.explanation());
            }
            out.end();
        }
        IdentityRun.Counts c = run.counts();
        RunSummary s = new RunSummary(runId, c.records(), c.persons(), c.newPersons(), c.keptPersons(), c.candidatePairs(), c.matchedPairs(),
                c.reviewPairs(), c.children());
        jdbc.sql("""
                update link_run set finished_at = now(), records = :r, persons = :p, candidate_pairs = :c, matched_pairs = :m,
                       review_pairs = :rv, new_persons = :n, kept_persons = :k, model = cast(:model as jsonb), blocking = cast(:blocking as jsonb)
                where id = :id""")
                .param("model", run.modelJson()).param("blocking", IdentityRun.blockingJson(run.passes()))
                .param("r", s.records()).param("p", s.persons()).param("c", s.candidatePairs()).param("m", s.matchedPairs())
                .param("rv", s.reviewPairs()).param("n", s.newPersons()).param("k", s.keptPersons()).param("id", runId).update();
        audit.record(actor.event(action, "link_run:" + runId,
                detail + "records=" + s.records() + " persons=" + s.persons() + " new=" + s.newPersons() + " review=" + s.reviewPairs()));
        return s;
    }

    /**
     * The search index always describes the latest run: a profile per person, then every person's name keys
     * (two COPYs, one after the other, as one connection runs one at a time). Persons in the order their first
     * row comes, each person's rows in the rows' order.
     */
    private void writePersonIndex(long runId, List<SourceRow> rows, List<IdentityRun.Link> links) {
        RowsByPerson byPerson = RowsByPerson.of(links);
        jdbc.sql("delete from person_key").update();
        jdbc.sql("delete from person_profile").update();
        try (Copy.Rows out = Copy.rows(dataSource,
                "COPY person_profile (person_id, run_id, household_id, is_child, name, kana, birth_date, sex, address, address_key, sources, left_on) FROM STDIN WITH (FORMAT csv)")) {
            for (int p = 0; p < byPerson.persons(); p++) {
                IdentityRun.Link first = links.get(byPerson.first(p));
                PersonIndex.profile(out, runId, first.personId(), first.householdId(), first.child(), byPerson.rows(p, rows));
            }
            out.end();
        }
        try (Copy.Rows out = Copy.rows(dataSource, "COPY person_key (key, person_id) FROM STDIN WITH (FORMAT csv)")) {
            for (int p = 0; p < byPerson.persons(); p++) {
                PersonIndex.keys(out, links.get(byPerson.first(p)).personId(), byPerson.rows(p, rows));
            }
            out.end();
        }
    }

    /**
     * Each person's rows as two int arrays (a counting sort by person) instead of a map of lists: at a million
     * residents the map's boxed indices alone were hundreds of MiB.
     */
    record RowsByPerson(int[] start, int[] order) {

        static RowsByPerson of(List<IdentityRun.Link> links) {
            int[] personOf = new int[links.size()];
            Map<String, Integer> number = new HashMap<>();
            for (int i = 0; i < links.size(); i++) {
                personOf[i] = number.computeIfAbsent(links.get(i).personId(), k -> number.size());
            }
            int[] start = new int[number.size() + 1];
            for (int p : personOf) {
                start[p + 1]++;
            }
            for (int p = 0; p < number.size(); p++) {
                start[p + 1] += start[p];
            }
            int[] next = start.clone();
            int[] order = new int[links.size()];
            for (int i = 0; i < personOf.length; i++) {
                order[next[personOf[i]]++] = i;
            }
            return new RowsByPerson(start, order);
        }

        int persons() {
            return start.length - 1;
        }

        /** The index of the person's first row. */
        int first(int person) {
            return order[start[person]];
        }

        List<SourceRow> rows(int person, List<SourceRow> all) {
            List<SourceRow> out = new ArrayList<>(start[person + 1] - start[person]);
            for (int k = start[person]; k < start[person + 1]; k++) {
                out.add(all.get(order[k]));
            }
            return out;
        }
    }

    /** The model a run linked with, as it stored it. */
    public Optional<Model> storedModel(long run) {
        return jdbc.sql("select model::text from link_run where id = :r and model is not null").param("r", run).query(String.class).optional()
                .map(Model::fromJson);
    }

    /** The latest finished run other than {@code except}. */
    public Optional<Long> latestRun(long except) {
        return jdbc.sql("select id from link_run where finished_at is not null and id <> :e order by id desc limit 1")
                .param("e", except).query(Long.class).optional();
    }

    /**
     * Writes exactly the records a {@code link} run would link now (the current loads, folded as the run
     * folds them) to {@code dir/link-records.csv}, and the reviewers' decisions on them, by record, to
     * {@code dir/decisions.csv}, and what a Spark run needs to carry IDs over ({@link #exportIdentityExtract}):
     * the input of {@code ./mimamori spark link}. Named people leave the database: audited. Returns the
     * records written.
     */
    public long exportExtracts(Actor actor, Path dir) throws IOException {
        Input in = input();
        Files.createDirectories(dir);
        LinkRecordsCsv.write(in.records(), dir.resolve("link-records.csv"));
        try (Writer w = Files.newBufferedWriter(dir.resolve("decisions.csv"), StandardCharsets.UTF_8);
             // A file for the Spark job, not for people: written as is (SafeCsv's quote would change a record number).
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord("source_a", "record_id_a", "source_b", "record_id_b", "same");
            for (Decision d : decisions(in)) {
                LinkRecord a = in.records().get(d.a());
                LinkRecord b = in.records().get(d.b());
                p.printRecord(a.source(), a.recordId(), b.source(), b.recordId(), String.valueOf(d.same()));
            }
        }
        exportIdentityExtract(in, dir);
        audit.record(actor.event(AuditAction.LINK_EXPORTED, "extracts", in.records().size() + " records to " + dir));
        return in.records().size();
    }

    /**
     * The identity part of an extract, for a run that carries IDs over on Spark: every row and the record
     * it was folded into, each record's person in earlier runs, the registry households so far, and the
     * month, the latest run, the current loads and a fresh seed for new IDs ({@link IdentityFiles}).
     */
    private void exportIdentityExtract(Input in, Path dir) throws IOException {
        IdentityFiles.writeIdentityExtract(dir, in.rowRecords(), in.folded(), previousIdentities(), householdIds(),
                new IdentityFiles.ExtractInfo(asOf(in), latestRun(-1).orElse(null), in.loads(), IdCarryOver.NewIds.random().hex()));
    }

    /** {@code source,source_record_id,person_id,child_id,household_id,match_probability} for the latest run. */
    public long exportLinks(Actor actor, Writer out) throws IOException {
        long run = latestRun(-1).orElseThrow(() -> new IllegalStateException("名寄せがまだ実行されていません / no linkage run yet: run link first"));
        long[] n = {0};
        // Record ids come from the departments' files: through SafeCsv, so that none opens as a formula.
        try (SafeCsv p = new SafeCsv(out, "\n")) {
            // The line format is core's, which the Spark run's links.csv is written with too (IdentityFiles).
            p.printRecord((Object[]) IdentityFiles.EXPORT_LINKS_HEADER);
            jdbc.sql("select * from record_link where run_id = :r order by source_code, record_id").param("r", run).query(rs -> {
                try {
                    p.printRecord(IdentityFiles.exportLinksRow(rs.getString("source_code"), rs.getString("record_id"),
                            rs.getString("person_id"), rs.getBoolean("is_child"), rs.getString("household_id"), rs.getDouble("match_probability")));
                    n[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        audit.record(actor.event(AuditAction.LINK_EXPORTED, "link_run:" + run, n[0] + " rows"));
        return n[0];
    }

}
