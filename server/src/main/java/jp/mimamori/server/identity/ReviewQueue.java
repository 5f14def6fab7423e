package jp.mimamori.server.identity;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;

/**
 * The pairs the latest linkage run could not decide, each with both records side by side and every
 * field's contribution; a reviewer's decision is kept and respected by every later run.
 * CENTER_SUPERVISOR and ADMIN only; every look is audited (the records are named people).
 *
 * <p>Pairs where either record is a child come first: a wrong merge there puts one child's record on
 * another, and the centre works for children; within each group the run's own order (its sequence).
 */
@Service
public class ReviewQueue {

    /** Pairs on one page: enough to work through in a sitting, few enough that each card stays readable. */
    public static final int PAGE = 20;

    public record Side(String source, String recordId, String name, String kana, String birth, String sex, String address) {
    }

    public record Item(long runId, int seq, double probability, boolean child, Side a, Side b, List<Map<String, Object>> contributions) {
    }

    /**
     * One page of the open pairs with the counts that say how far the queue has come.
     *
     * @param total     pairs the latest run left to a person
     * @param remaining of those, not yet decided
     * @param children  of the remaining, pairs where either record is a child
     * @param page      0-based page shown
     */
    public record Page(List<Item> items, long total, long remaining, long children, int page, int size) {
        public long decided() {
            return total - remaining;
        }

        /** Whole percent decided, rounded down (100 only when nothing is left). */
        public int percent() {
            return total == 0 ? 100 : (int) (decided() * 100 / total);
        }

        public int pages() {
            return (int) Math.max(1, (remaining + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < remaining;
        }

        /** 1-based position of the first pair on this page among the remaining ones. */
        public long first() {
            return items.isEmpty() ? 0 : (long) page * size + 1;
        }

        public long last() {
            return (long) page * size + items.size();
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ReviewQueue(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The first {@code limit} open pairs, children first (as the page's first page, with any size). */
    @PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
    public List<Item> open(Actor actor, int limit) {
        return page(actor, 0, limit).items();
    }

    @PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
    public Page page(Actor actor, int page, int size) {
        if (page < 0 || size < 1 || size > 1_000) {
            throw new IllegalArgumentException("ページの指定が正しくありません / no such page");
        }
        // Decided pairs are left out whichever way round the decision was recorded; "child" is the run's
        // own verdict on each record (record_link.is_child), so it needs no birth date parsing here.
        String open = """
                with latest as (select max(id) as id from link_run where finished_at is not null),
                open as (
                    select v.*, exists (select 1 from record_link k where k.run_id = v.run_id and k.is_child
                                        and ((k.source_code, k.record_id) in ((v.source_a, v.record_a), (v.source_b, v.record_b)))) as child
                    from link_review v join latest on v.run_id = latest.id
                    where not exists (select 1 from link_decision d where (d.source_a, d.record_a, d.source_b, d.record_b)
                                      in ((v.source_a, v.record_a, v.source_b, v.record_b), (v.source_b, v.record_b, v.source_a, v.record_a))))
                """;
        long total = jdbc.sql("select count(*) from link_review where run_id = (select max(id) from link_run where finished_at is not null)")
                .query(Long.class).single();
        long[] counts = jdbc.sql(open + "select count(*), count(*) filter (where child) from open")
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        List<Item> items = jdbc.sql(open + "select * from open order by child desc, seq offset :o limit :n")
                .param("o", (long) page * size).param("n", size)
                .query((rs, i) -> new Item(rs.getLong("run_id"), rs.getInt("seq"), rs.getDouble("probability"), rs.getBoolean("child"),
                        side(rs.getString("source_a"), rs.getString("record_a")), side(rs.getString("source_b"), rs.getString("record_b")),
                        contributions(rs.getLong("run_id"), rs.getInt("seq"))))
                .list();
        audit.record(actor.event(AuditAction.LINK_REVIEW_VIEWED, "link_review",
                items.size() + " pairs: " + items.stream().map(it -> it.a().source() + ":" + it.a().recordId() + "~" + it.b().source() + ":" + it.b().recordId())
                        .reduce((x, y) -> x + " " + y).orElse("")));
        return new Page(items, total, counts[0], counts[1], page, size);
    }

    @PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
    @Transactional
    public void decide(Actor actor, String sourceA, String recordA, String sourceB, String recordB, boolean same, String reason) {
        int known = jdbc.sql("""
                select count(*) from link_review where (source_a, record_a, source_b, record_b) in ((:sa, :ra, :sb, :rb), (:sb, :rb, :sa, :ra))""")
                .param("sa", sourceA).param("ra", recordA).param("sb", sourceB).param("rb", recordB).query(Integer.class).single();
        if (known == 0) {
            throw new IllegalArgumentException("確認待ちの組ではありません / not a pair in the review queue");
        }
        jdbc.sql("""
                insert into link_decision (source_a, record_a, source_b, record_b, same, reason, decided_by)
                values (:sa, :ra, :sb, :rb, :same, :reason, :by)
                on conflict (source_a, record_a, source_b, record_b) do update set same = excluded.same, reason = excluded.reason,
                    decided_by = excluded.decided_by, decided_at = now()""")
                .param("sa", sourceA).param("ra", recordA).param("sb", sourceB).param("rb", recordB).param("same", same)
                .param("reason", reason == null || reason.isBlank() ? null : reason.strip()).param("by", actor.name()).update();
        audit.record(actor.event(AuditAction.LINK_DECISION, sourceA + ":" + recordA + "~" + sourceB + ":" + recordB,
                (same ? "same" : "different") + (reason == null || reason.isBlank() ? "" : ": " + reason.strip())));
    }

    private Side side(String source, String recordId) {
        return jdbc.sql("""
                select name, kana, birth_date::text, sex, address
                from extract_record where current and source_code = :s and record_id = :r limit 1""")
                .param("s", source).param("r", recordId)
                .query((rs, i) -> new Side(source, recordId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional().orElse(new Side(source, recordId, "", "", "", "", ""));
    }

    private List<Map<String, Object>> contributions(long run, int seq) {
        return jdbc.sql("""
                select e->>'label' as label, e->>'level' as level, (e->>'bits')::float8 as bits
                from link_review, jsonb_array_elements(explanation->'contributions') e where run_id = :r and seq = :s""")
                .param("r", run).param("s", seq)
                .query((rs, i) -> Map.<String, Object>of("label", rs.getString("label"), "level", rs.getString("level"), "bits", rs.getDouble("bits")))
                .list();
    }
}
