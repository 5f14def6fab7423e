package jp.mimamori.server.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.extract.Problem;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.validation.Nul;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** extract_load, quarantined_row and load_problem. Rows go in through COPY in {@link IngestService}. */
@Repository
public class IngestRepository {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    public IngestRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Serialises loads of one source until the end of the current transaction. */
    void lock(SourceSystem s) {
        jdbc.sql("select pg_advisory_xact_lock(:k)").param("k", lockKey(s)).query((rs, i) -> 1).list();
    }

    /** The advisory lock key of a source's loads. */
    public static long lockKey(SourceSystem s) {
        return 7_420_100L + s.ordinal();
    }

    /** The load of these exact bytes, stored or waiting for confirmation: the same file is never stored twice. */
    public Optional<LoadReport> loadedWithHash(SourceSystem s, String sha256) {
        return jdbc.sql("select * from extract_load where source_code = :s and sha256 = :h and status in ('LOADED', 'HELD')")
                .param("s", s.code()).param("h", sha256).query(IngestRepository::map).optional();
    }

    public Optional<LoadReport> find(long id) {
        return jdbc.sql("select * from extract_load where id = :id").param("id", id).query(IngestRepository::map).optional();
    }

    /** Every load, or only those of the given sources, newest first. */
    public List<LoadReport> list(List<SourceSystem> sources, int limit) {
        return jdbc.sql("select * from extract_load where source_code = any(:s) order by id desc limit :n")
                .param("s", sources.stream().map(SourceSystem::code).toArray(String[]::new)).param("n", limit)
                .query(IngestRepository::map).list();
    }

    long insert(SourceSystem s, YearMonth month, String fileName, String sha256, long size, String encoding, String policy,
                String status, String user) {
        return jdbc.sql("""
                insert into extract_load (source_code, month, file_name, sha256, size_bytes, encoding, policy, status,
                                          rows_total, rows_loaded, rows_rejected, problems_total, uploaded_by, uploaded_at)
                values (:s, :m, :f, :h, :size, :enc, :policy, :status, 0, 0, 0, 0, :u, :at) returning id""")
                .param("s", s.code()).param("m", month.atDay(1)).param("f", fileName).param("h", sha256).param("size", size)
                .param("enc", encoding).param("policy", policy).param("status", status).param("u", user)
                // The application's clock, like the audit row written with it: one time for the load and its audit.
                .param("at", java.time.OffsetDateTime.now(clock))
                .query(Long.class).single();
    }

    void finish(long id, String encoding, long total, long loaded, long rejected, long problems, String ja, String en) {
        jdbc.sql("""
                update extract_load set encoding = :enc, rows_total = :t, rows_loaded = :l, rows_rejected = :r,
                       problems_total = :p, summary_ja = :ja, summary_en = :en where id = :id""")
                .param("enc", encoding).param("t", total).param("l", loaded).param("r", rejected).param("p", problems)
                .param("ja", ja).param("en", en).param("id", id).update();
    }

    /** The source's current load: the one every reader (linkage, assessment, timeline, letters) uses. */
    public Optional<LoadReport> current(SourceSystem s) {
        return jdbc.sql("select * from extract_load where source_code = :s and current").param("s", s.code()).query(IngestRepository::map).optional();
    }

    /** Loads waiting for an administrator, oldest first. */
    public List<LoadReport> held(List<SourceSystem> sources) {
        return jdbc.sql("select * from extract_load where status = 'HELD' and source_code = any(:s) order by id")
                .param("s", sources.stream().map(SourceSystem::code).toArray(String[]::new)).query(IngestRepository::map).list();
    }

    /** Distinct household numbers among a load's rows (住民記録's 世帯番号). */
    long countHouseholds(long loadId) {
        return jdbc.sql("select count(distinct fields->>'household_no') from extract_row where load_id = :id")
                .param("id", loadId).query(Long.class).single();
    }

    void setHouseholds(long loadId, long households) {
        jdbc.sql("update extract_load set households = :h where id = :id").param("h", households).param("id", loadId).update();
    }

    /** Stores the load as held: not current, with why and against which load. */
    void hold(long id, long comparedWith, String reasonJa, String reasonEn) {
        jdbc.sql("""
                update extract_load set status = 'HELD', current = false, compared_with = :c, hold_reason_ja = :ja, hold_reason_en = :en
                where id = :id""").param("c", comparedWith).param("ja", reasonJa).param("en", reasonEn).param("id", id).update();
    }

    /** An administrator's decision on a held load: LOADED (confirmed) or DISCARDED (rejected), with who, when and why. */
    void decide(long id, String status, String by, String note) {
        jdbc.sql("update extract_load set status = :st, decided_by = :by, decided_at = :at, decision_note = :n where id = :id and status = 'HELD'")
                .param("st", status).param("by", by).param("at", java.time.OffsetDateTime.now(clock)).param("n", note).param("id", id).update();
    }

    /**
     * Makes the load current, its source's previous current load history. A new load passes only when
     * its month is not earlier, so it is the newest; an administrator may choose an earlier one (a roll
     * back, or a held earlier month confirmed), and then every stored load newer than the chosen one is
     * marked withdrawn ({@code by}), so that no reader takes it for a past month's history. Returns the
     * ids withdrawn now.
     */
    List<Long> makeCurrent(SourceSystem s, long id, String by) {
        jdbc.sql("update extract_load set current = false where source_code = :s and current").param("s", s.code()).update();
        List<Long> withdrawn = by == null ? List.of() : jdbc.sql("""
                update extract_load n set withdrawn_at = :at, withdrawn_by = :by
                from extract_load t where t.id = :id and n.source_code = t.source_code and n.status = 'LOADED' and n.withdrawn_at is null
                  and (n.month, n.id) > (t.month, t.id)
                returning n.id""").param("at", java.time.OffsetDateTime.now(clock)).param("by", by).param("id", id)
                .query(Long.class).list();
        jdbc.sql("update extract_load set current = true, withdrawn_at = null, withdrawn_by = null where id = :id and status = 'LOADED'")
                .param("id", id).update();
        return withdrawn;
    }

    void insertProblems(long loadId, List<Problem> problems) {
        int seq = 0;
        for (Problem p : problems) {
            jdbc.sql("""
                    insert into load_problem (load_id, seq, line_no, column_name, value, reason_ja, reason_en)
                    values (:id, :seq, :line, :col, :val, :ja, :en)""")
                    .param("id", loadId).param("seq", ++seq).param("line", p.line()).param("col", Nul.escape(p.column()))
                    // A department's value may hold a NUL (a duplicate key, a header); PostgreSQL would refuse the row.
                    .param("val", Nul.escape(p.value())).param("ja", Nul.escape(p.reasonJa())).param("en", Nul.escape(p.reasonEn())).update();
        }
    }

    void insertQuarantined(long loadId, long line, String valuesJson) {
        jdbc.sql("insert into quarantined_row (load_id, line_no, vals) values (:id, :line, cast(:v as jsonb))")
                .param("id", loadId).param("line", line).param("v", valuesJson).update();
    }

    public List<Problem> problems(long loadId, int limit) {
        return jdbc.sql("select * from load_problem where load_id = :id order by seq limit :n").param("id", loadId).param("n", limit)
                .query((rs, i) -> problem(rs)).list();
    }

    public void eachProblem(long loadId, Consumer<Problem> each) {
        jdbc.sql("select * from load_problem where load_id = :id order by seq").param("id", loadId).query(rs -> {
            each.accept(problem(rs));
        });
    }

    public long rowCount(long loadId) {
        return jdbc.sql("select count(*) from extract_row where load_id = :id").param("id", loadId).query(Long.class).single();
    }

    private static Problem problem(ResultSet rs) throws SQLException {
        return new Problem(rs.getLong("line_no"), rs.getString("column_name"), rs.getString("value"), rs.getString("reason_ja"), rs.getString("reason_en"));
    }

    private static LoadReport map(ResultSet rs, int row) throws SQLException {
        return new LoadReport(rs.getLong("id"), rs.getString("source_code"), YearMonth.from(rs.getObject("month", LocalDate.class)),
                rs.getString("file_name"), rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("encoding"), rs.getString("policy"),
                rs.getString("status"), rs.getLong("rows_total"), rs.getLong("rows_loaded"), rs.getLong("rows_rejected"),
                rs.getLong("problems_total"), rs.getBoolean("current"), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class),
                // A summary stored before it said the policy in words still reads in words.
                BadRowPolicy.keysInWords(rs.getString("summary_ja")), BadRowPolicy.keysInWords(rs.getString("summary_en")), null,
                (Long) rs.getObject("households"), rs.getString("hold_reason_ja"), rs.getString("hold_reason_en"), (Long) rs.getObject("compared_with"),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_note"),
                rs.getObject("withdrawn_at", OffsetDateTime.class), rs.getString("withdrawn_by"), rs.getObject("purged_at", OffsetDateTime.class));
    }
}
