package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.time.Times;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 次の対応とアラート (follow-ups and alerts): a case's next action and its due date, and what a caseworker
 * must not miss — overdue next actions, no contact for too long, no next action, a new consultation
 * about the child (case_alert) — with its acknowledgement. Centre roles; audited.
 */
@Service
@CentreOnly
public class FollowUps {

    public enum AlertKind {
        OVERDUE("期限超過", "overdue follow-up"),
        NO_CONTACT("長期間接触なし", "no contact for a long time"),
        NO_NEXT_ACTION("次の対応が未設定", "no next action set"),
        NEW_CONSULTATION("新しい相談", "new consultation about this child");

        private final String labelJa;
        private final String labelEn;

        AlertKind(String labelJa, String labelEn) {
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }

        public String label() {
            return labelJa + " / " + labelEn;
        }
    }

    public record Alert(AlertKind kind, String caseNo, String childName, String caseworker, String detail, Long alertId) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseLookup cases;
    private final CaseEvents events;
    private final int noContactDays;
    private final Times times;

    FollowUps(JdbcClient jdbc, AuditLog audit, CaseLookup cases, CaseEvents events, @Value("${mimamori.cases.no-contact-days:30}") int noContactDays,
              Times times) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cases = cases;
        this.events = events;
        this.noContactDays = noContactDays;
        this.times = times;
    }

    public int noContactDays() {
        return noContactDays;
    }

    /** The next action and when it is due: every open case has one. */
    @Transactional
    public void setFollowUp(Actor actor, String caseNo, String action, LocalDate due) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        List<FieldError> errors = new ArrayList<>();
        if (action == null || action.isBlank() || action.length() > 200) {
            errors.add(new FieldError("action", "次の対応を200文字以内で入力してください", "enter the next action, at most 200 characters"));
        }
        if (due == null) {
            errors.add(new FieldError("due", "期限を入力してください", "enter the due date"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("update case_file set next_action = :a, next_due = :d where id = :id").param("a", action.strip()).param("d", due).param("id", s.id()).update();
        events.record(actor, s.id(), "FOLLOW_UP", "次の対応 / next: " + action.strip() + "（期限 " + due + "）", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "follow-up due " + due));
    }

    @Transactional
    public void acknowledge(Actor actor, String caseNo, long alertId) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        int n = jdbc.sql("update case_alert set acknowledged_by = :u, acknowledged_at = now() where id = :a and case_id = :c and acknowledged_at is null")
                .param("u", actor.name()).param("a", alertId).param("c", s.id()).update();
        if (n == 0) {
            throw new ChildNotFoundException("alert " + alertId);
        }
        events.record(actor, s.id(), "ALERT_ACK", "新しい相談を確認 / new consultation acknowledged", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "alert " + alertId + " acknowledged"));
    }

    /**
     * What needs attention: overdue next actions, open cases without contact for the configured number
     * of days, open cases without a next action, and new consultations about children with an open case.
     * A caseworker sees their own cases; a supervisor or administrator sees the whole centre.
     */
    @Transactional
    public List<Alert> alertsFor(Actor actor, boolean everyone) {
        List<Alert> list = alerts(actor, everyone ? "true" : "c.caseworker = :me", 0);
        if (!list.isEmpty()) {
            audit.record(actor.event(AuditAction.ALERTS_VIEWED, "alerts", list.size() + " alerts: "
                    + list.stream().map(Alert::caseNo).distinct().reduce((a, b) -> a + " " + b).orElse("")));
        }
        return list;
    }

    /** {@code where} is fixed SQL naming the bound :me (the actor) or :case ({@code caseId}), never a value. */
    private List<Alert> alerts(Actor actor, String where, long caseId) {
        List<Alert> out = new ArrayList<>();
        String base = "from case_file c join child_subject s on s.id = c.child_id where c.status <> 'CLOSED' and " + where;
        jdbc.sql("select c.case_no, s.name, c.caseworker, c.next_action, c.next_due " + base + " and c.next_due < :today order by c.next_due")
                .param("me", actor.name()).param("case", caseId).param("today", times.today()).query(rs -> {
                    out.add(new Alert(AlertKind.OVERDUE, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4) + "（期限 / due " + times.date(rs.getObject(5, LocalDate.class)) + "）", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker, c.last_contact_at " + base + " and c.last_contact_at < now() - make_interval(days => :d) order by c.last_contact_at")
                .param("me", actor.name()).param("case", caseId).param("d", noContactDays).query(rs -> {
                    out.add(new Alert(AlertKind.NO_CONTACT, rs.getString(1), rs.getString(2), rs.getString(3),
                            "最終接触 / last contact " + times.date(times.dayOf(rs.getObject(4, OffsetDateTime.class)))
                                    + "（" + noContactDays + "日超 / over " + noContactDays + " days）", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker " + base + " and (c.next_action is null or c.next_due is null) order by c.case_no")
                .param("me", actor.name()).param("case", caseId).query(rs -> {
                    out.add(new Alert(AlertKind.NO_NEXT_ACTION, rs.getString(1), rs.getString(2), rs.getString(3), "", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker, k.consultation_no, a.id " + base.replace("where", "join case_alert a on a.case_id = c.id join consultation k on k.id = a.consultation_id where")
                        + " and a.acknowledged_at is null order by a.raised_at")
                .param("me", actor.name()).param("case", caseId).query(rs -> {
                    out.add(new Alert(AlertKind.NEW_CONSULTATION, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                });
        return out;
    }

    /** The alerts of one case, for the case page (which audits itself). */
    List<Alert> forCase(Actor actor, long caseId) {
        return alerts(actor, "c.id = :case", caseId);
    }

    /** A case that closes has nothing left to acknowledge: its open alerts are marked seen by whoever closes it. */
    void acknowledgeAll(Actor actor, long caseId) {
        jdbc.sql("update case_alert set acknowledged_by = :u, acknowledged_at = now() where case_id = :id and acknowledged_at is null")
                .param("u", actor.name()).param("id", caseId).update();
    }
}
