package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.util.List;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * cases' purge port for retention (保存期間): which children's records have outlived the period, and the
 * removal of everything the centre holds about one of them. Called by {@code retention.RetentionService},
 * which authorises, audits, and asks assess and outreach to remove their rows about the child between
 * {@link #purgeRecords} and {@link #deleteSubject}.
 */
@Component
public class CaseRetention {

    /** A child whose records are due for deletion: the subject's id and how the audit names it. */
    public record Expired(long subjectId, String ref) {
    }

    /** What {@link #purgeRecords} removed: the number of rows, and the child's person ID (null for a centre-only child). */
    public record Purged(long records, String personId) {
    }

    private final JdbcClient jdbc;
    private final Times times;

    public CaseRetention(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    /**
     * Children {@code years} past turning 18 or moving out of the city, whichever came first, with no
     * open case; a centre-only child without a birth date counts from its last recorded activity.
     */
    public List<Expired> expired(LocalDate today, int years) {
        return jdbc.sql("""
                select s.id, coalesce(s.person_id, 'L' || s.id) as ref from child_subject s
                left join identity_person_v p on p.person_id = s.person_id
                where not exists (select 1 from case_file c where c.child_id = s.id and c.status <> 'CLOSED')
                  and least(coalesce(s.birth_date, p.birth_date) + interval '18 years', p.left_on,
                            case when coalesce(s.birth_date, p.birth_date) is null then
                                 (greatest(s.created_at, (select max(k.received_at) from consultation k join consultation_child cc on cc.consultation_id = k.id
                                                         where cc.child_id = s.id),
                                          (select max(c.closed_at) from case_file c where c.child_id = s.id)) at time zone :zone)::date end)
                      + make_interval(years => :y) < cast(:today as date)
                order by s.id""").param("y", years).param("today", today).param("zone", times.zoneId())
                .query((rs, i) -> new Expired(rs.getLong(1), rs.getString(2))).list();
    }

    /** Everything the centre holds about one child but the subject itself, in foreign-key order; a consultation about several children loses only this one. */
    public Purged purgeRecords(long subject) {
        long n = 0;
        String cases = "(select id from case_file where child_id = :s)";
        n += jdbc.sql("delete from case_alert where case_id in " + cases).param("s", subject).update();
        n += jdbc.sql("delete from case_event where case_id in " + cases).param("s", subject).update();
        n += jdbc.sql("delete from support_goal where case_id in " + cases).param("s", subject).update();
        n += jdbc.sql("delete from risk_assessment where case_id in " + cases).param("s", subject).update();
        n += jdbc.sql("delete from referral where child_id = :s or case_id in " + cases).param("s", subject).update();
        jdbc.sql("update consultation set case_id = null where case_id in " + cases).param("s", subject).update();
        List<Long> consultations = jdbc.sql("select consultation_id from consultation_child where child_id = :s").param("s", subject).query(Long.class).list();
        n += jdbc.sql("delete from consultation_child where child_id = :s").param("s", subject).update();
        for (long k : consultations) {
            boolean orphan = jdbc.sql("select not exists (select 1 from consultation_child where consultation_id = :k)").param("k", k).query(Boolean.class).single();
            if (orphan) {
                n += jdbc.sql("delete from consultation_type where consultation_id = :k").param("k", k).update();
                n += jdbc.sql("delete from consultation where id = :k").param("k", k).update();
            }
        }
        n += jdbc.sql("delete from case_file where child_id = :s").param("s", subject).update();
        String person = jdbc.sql("select person_id from child_subject where id = :s").param("s", subject).query(String.class).optional().orElse(null);
        return new Purged(n, person);
    }

    /** Deletes the child's subject row, last; the number deleted. */
    public long deleteSubject(long subject) {
        return jdbc.sql("delete from child_subject where id = :s").param("s", subject).update();
    }
}
