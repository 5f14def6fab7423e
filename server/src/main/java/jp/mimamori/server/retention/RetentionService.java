package jp.mimamori.server.retention;

import jp.mimamori.server.time.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention (保存期間): removes what the city no longer needs to hold, and writes what it removed to the
 * audit log.
 * <ul>
 * <li>Department extracts: the rows of a month's load that is no longer current, once it is older than
 *     {@code mimamori.retention.extract-months} (default 24). The load's record (file, hash, counts)
 *     stays, marked purged, as proof of what was received.</li>
 * <li>The centre's records of a child (consultations, cases, referrals, assessments, plans, events, and
 *     the monthly assessment's indicators, scores, flags and outreach items about the child):
 *     {@code mimamori.retention.child-years} (default 5) after the child turned 18 or moved out of the
 *     city, whichever came first, provided no case is open. A centre-only child without a birth date
 *     counts from its last recorded activity.</li>
 * </ul>
 * Runs every night (cron {@code mimamori.retention.cron}, default 02:30) and on demand with
 * {@code ./mimamori retention [--dry-run]}. ADMIN only.
 */
@Service
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    public record Report(LocalDate asOf, boolean dryRun, List<Long> loadsPurged, long rowsPurged, List<String> childrenDeleted, long recordsDeleted) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final int extractMonths;
    private final int childYears;
    private final Times times;

    public RetentionService(JdbcClient jdbc, AuditLog audit, @Value("${mimamori.retention.extract-months:24}") int extractMonths,
                            @Value("${mimamori.retention.child-years:5}") int childYears, Times times) {
        this.times = times;
        if (extractMonths < 1 || childYears < 1) {
            throw new IllegalStateException("保存期間は1以上で設定してください / retention periods must be at least 1 (mimamori.retention.*)");
        }
        this.jdbc = jdbc;
        this.audit = audit;
        this.extractMonths = extractMonths;
        this.childYears = childYears;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Report run(LocalDate today, boolean dryRun) {
        List<Long> loads = jdbc.sql("""
                select id from extract_load where not current and purged_at is null
                  and uploaded_at < (cast(:today as date) - make_interval(months => :m)) at time zone :zone
                order by id""").param("today", today).param("m", extractMonths).param("zone", times.zoneId()).query(Long.class).list();
        long rows = 0;
        for (long load : loads) {
            rows += jdbc.sql("select count(*) from extract_row where load_id = :l").param("l", load).query(Long.class).single();
            if (!dryRun) {
                jdbc.sql("delete from extract_row where load_id = :l").param("l", load).update();
                jdbc.sql("delete from quarantined_row where load_id = :l").param("l", load).update();
                jdbc.sql("delete from load_problem where load_id = :l").param("l", load).update();
                jdbc.sql("update extract_load set purged_at = now() where id = :l").param("l", load).update();
                audit.record(CurrentActor.event(AuditAction.RETENTION_DELETED, "extract_load:" + load, "rows, quarantined rows and problems of a superseded load older than "
                        + extractMonths + " months"));
            }
        }
        List<Object[]> children = jdbc.sql("""
                select s.id, coalesce(s.person_id, 'L' || s.id) as ref from child_subject s
                left join person_profile p on p.person_id = s.person_id
                where not exists (select 1 from case_file c where c.child_id = s.id and c.status <> 'CLOSED')
                  and least(coalesce(s.birth_date, p.birth_date) + interval '18 years', p.left_on,
                            case when coalesce(s.birth_date, p.birth_date) is null then
                                 (greatest(s.created_at, (select max(k.received_at) from consultation k join consultation_child cc on cc.consultation_id = k.id
                                                         where cc.child_id = s.id),
                                          (select max(c.closed_at) from case_file c where c.child_id = s.id)) at time zone :zone)::date end)
                      + make_interval(years => :y) < cast(:today as date)
                order by s.id""").param("y", childYears).param("today", today).param("zone", times.zoneId())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        List<String> refs = new ArrayList<>();
        long records = 0;
        for (Object[] c : children) {
            long id = (Long) c[0];
            refs.add((String) c[1]);
            if (!dryRun) {
                long n = deleteChild(id);
                records += n;
                audit.record(CurrentActor.event(AuditAction.RETENTION_DELETED, (String) c[1], n + " centre records deleted: " + childYears
                        + " years after the child turned 18 or moved out, no open case"));
            }
        }
        Report r = new Report(today, dryRun, loads, rows, refs, records);
        audit.record(CurrentActor.event(dryRun ? AuditAction.RETENTION_DRY_RUN : AuditAction.RETENTION_RUN, "retention",
                "loads " + loads.size() + " (" + rows + " rows), children " + refs.size() + " (" + records + " records)"));
        log.info("保存期間 / retention{}: {} loads ({} rows), {} children ({} records)", dryRun ? " (dry run)" : "", loads.size(), rows, refs.size(), records);
        return r;
    }

    /** Everything the centre holds about one child, in foreign-key order; a consultation about several children loses only this one. */
    private long deleteChild(long subject) {
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
        // The assessment's rows about the child go with the centre's records.
        String person = jdbc.sql("select person_id from child_subject where id = :s").param("s", subject).query(String.class).optional().orElse(null);
        if (person != null) {
            for (String table : List.of("outreach_item", "child_score", "rule_flag", "child_indicator")) {
                n += jdbc.sql("delete from " + table + " where person_id = :p").param("p", person).update();
            }
        }
        n += jdbc.sql("delete from child_subject where id = :s").param("s", subject).update();
        return n;
    }
}
