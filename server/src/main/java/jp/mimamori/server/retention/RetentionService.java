package jp.mimamori.server.retention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.assess.AssessRetention;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.cases.CaseRetention;
import jp.mimamori.server.ingest.ExtractRetention;
import jp.mimamori.server.outreach.OutreachRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    private final AuditLog audit;
    private final ExtractRetention extracts;
    private final CaseRetention cases;
    private final AssessRetention assess;
    private final OutreachRetention outreach;
    private final int extractMonths;
    private final int childYears;

    public RetentionService(AuditLog audit, @Value("${mimamori.retention.extract-months:24}") int extractMonths,
                            @Value("${mimamori.retention.child-years:5}") int childYears, ExtractRetention extracts, CaseRetention cases,
                            AssessRetention assess, OutreachRetention outreach) {
        this.extracts = extracts;
        this.cases = cases;
        this.assess = assess;
        this.outreach = outreach;
        if (extractMonths < 1 || childYears < 1) {
            throw new IllegalStateException("保存期間は1以上で設定してください / retention periods must be at least 1 (mimamori.retention.*)");
        }
        this.audit = audit;
        this.extractMonths = extractMonths;
        this.childYears = childYears;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Report run(Actor actor, LocalDate today, boolean dryRun) {
        // Each feature purges its own tables (issue 15); retention decides when, authorises, audits and reports.
        List<Long> loads = extracts.expired(today, extractMonths);
        long rows = 0;
        for (long load : loads) {
            rows += extracts.rows(load);
            if (!dryRun) {
                extracts.purge(load);
                audit.record(actor.event(AuditAction.RETENTION_DELETED, "extract_load:" + load, "rows, quarantined rows and problems of a superseded load older than "
                        + extractMonths + " months"));
            }
        }
        List<CaseRetention.Expired> children = cases.expired(today, childYears);
        List<String> refs = new ArrayList<>();
        long records = 0;
        for (CaseRetention.Expired c : children) {
            refs.add(c.ref());
            if (!dryRun) {
                long n = deleteChild(c.subjectId());
                records += n;
                audit.record(actor.event(AuditAction.RETENTION_DELETED, c.ref(), n + " centre records deleted: " + childYears
                        + " years after the child turned 18 or moved out, no open case"));
            }
        }
        Report r = new Report(today, dryRun, loads, rows, refs, records);
        audit.record(actor.event(dryRun ? AuditAction.RETENTION_DRY_RUN : AuditAction.RETENTION_RUN, "retention",
                "loads " + loads.size() + " (" + rows + " rows), children " + refs.size() + " (" + records + " records)"));
        log.info("保存期間 / retention{}: {} loads ({} rows), {} children ({} records)", dryRun ? " (dry run)" : "", loads.size(), rows, refs.size(), records);
        return r;
    }

    /** Everything the centre holds about one child: its cases' records, then the assessment's and outreach's rows about it, then the child. */
    private long deleteChild(long subject) {
        CaseRetention.Purged purged = cases.purgeRecords(subject);
        long n = purged.records();
        if (purged.personId() != null) {
            n += outreach.purgePerson(purged.personId());
            n += assess.purgePerson(purged.personId());
        }
        return n + cases.deleteSubject(subject);
    }
}
