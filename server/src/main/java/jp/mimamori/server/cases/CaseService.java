package jp.mimamori.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.Refused;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.time.Times;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ケース (cases): one per child at a time, grouping its consultations, with a status, an assigned
 * caseworker, a next action and its due date, a risk assessment against the centre's checklist, a
 * support plan of goals, the 要対協 registration, referrals (つなぎ), and the alerts a caseworker must
 * not miss. Centre roles; assignment is the supervisor's. Every read and write is audited.
 */
@Service
@CentreOnly
public class CaseService {

    public record Summary(long id, String caseNo, String childRef, String childName, CaseStatus status, String caseworker,
                          OffsetDateTime openedAt, String nextAction, LocalDate nextDue, OffsetDateTime lastContactAt, Yotaikyo yotaikyo,
                          boolean restricted) {
    }

    /**
     * One contact as its latest version says, with who first recorded it; {@code version} above 1 means it
     * was corrected and {@link #contactHistory} shows every earlier text.
     */
    public record Contact(long id, int version, ContactKind kind, OffsetDateTime at, String met, String note, String recordedBy,
                          OffsetDateTime recordedAt, String reason, String firstBy, OffsetDateTime firstAt) {

        public boolean corrected() {
            return version > 1;
        }
    }

    /** A contact as typed: the time is the city's local time (back-dating allowed, never the future). */
    public record NewContact(ContactKind kind, java.time.LocalDateTime at, String met, String note) {
    }

    public record Event(OffsetDateTime at, String actor, String kind, String detail, String note) {
    }

    public record Goal(long id, String goal, LocalDate due, LocalDate doneOn) {
    }

    public record Assessment(OffsetDateTime at, String by, List<String> checked, String level, String note) {

        /** The level as staff say it (低・中・高), never the stored value. */
        public String levelLabel() {
            return CaseSummaryPdf.level(level);
        }
    }

    public record Referral(long id, String caseNo, ReferralDirection direction, String agency, LocalDate onDate, ReferralBasis basis, String content,
                           String reply, LocalDate repliedOn, String recordedBy) {
    }

    public record Detail(Summary summary, ChildDirectory.Child child, OffsetDateTime closedAt, String closingReason, LocalDate yotaikyoSince,
                         List<ConsultationService.View> consultations, List<Event> events, List<Goal> goals, List<Assessment> assessments,
                         List<Referral> referrals, List<Alert> alerts, List<Contact> contacts, String restrictedReason, String restrictedBy,
                         OffsetDateTime restrictedAt, LocalDate yotaikyoReview, String transferTo) {
    }

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
    private final FieldCipher cipher;
    private final ChildDirectory children;
    private final ConsultationService consultations;
    private final CodeTable codes;
    private final jp.mimamori.server.access.CentreStaff staff;
    private final jp.mimamori.server.web.Labels labels;
    private final int noContactDays;
    private final Times times;

    public CaseService(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, ChildDirectory children, ConsultationService consultations,
                       CodeTable codes, jp.mimamori.server.access.CentreStaff staff, jp.mimamori.server.web.Labels labels, @Value("${mimamori.cases.no-contact-days:30}") int noContactDays, Times times) {
        this.jdbc = jdbc;
        this.times = times;
        this.audit = audit;
        this.cipher = cipher;
        this.children = children;
        this.consultations = consultations;
        this.codes = codes;
        this.staff = staff;
        this.labels = labels;
        this.noContactDays = noContactDays;
    }

    public int noContactDays() {
        return noContactDays;
    }

    /** Opens a case for a child, assigned to the person opening it; the child's consultations not yet in a case join it. */
    @Transactional
    public String open(String childRef, String firstAction, LocalDate due) {
        long subject = children.ensureSubject(childRef);
        jdbc.sql("select case when " + VISIBLE + " then c.case_no else '' end from case_file c where child_id = :c and status <> 'CLOSED'")
                .param("c", subject).param("me", CurrentActor.name()).param("sup", CurrentActor.supervises())
                .query(String.class).optional()
                .ifPresent(no -> {
                    throw new InvalidInputException(List.of(no.isEmpty()
                            // A restricted case someone else holds: its number is not shown, only that there is one and whom to ask.
                            ? new FieldError("child", "このこどもには対応中の制限ケースがあります。統括者に相談してください",
                                    "this child already has an open restricted case; ask a supervisor")
                            : new FieldError("child", "このこどもには対応中のケース " + no + " があります", "this child already has the open case " + no)));
                });
        String action = firstAction == null || firstAction.isBlank() ? "初回アセスメント" : firstAction.strip();
        LocalDate d = due != null ? due : times.today().plusDays(7);
        String caseNo = "C" + times.today().getYear() + "-" + String.format("%05d",
                jdbc.sql("select nextval('case_no_seq')").query(Long.class).single());
        String household = jdbc.sql("select household_id from person_profile where person_id = (select person_id from child_subject where id = :s)")
                .param("s", subject).query(String.class).optional().orElse(null);
        long id = jdbc.sql("""
                insert into case_file (case_no, child_id, household_id, status, caseworker, next_action, next_due)
                values (:no, :c, :h, 'RECEIVED', :w, :a, :d) returning id""")
                .param("no", caseNo).param("c", subject).param("h", household).param("w", CurrentActor.name()).param("a", action).param("d", d)
                .query(Long.class).single();
        int joined = jdbc.sql("update consultation set case_id = :id where case_id is null and id in (select consultation_id from consultation_child where child_id = :c)")
                .param("id", id).param("c", subject).update();
        event(id, "OPENED", "ケース開始（相談" + joined + "件を編入）/ opened with " + joined + " consultations", null);
        audit.record(CurrentActor.event(AuditAction.CASE_OPENED, "case:" + caseNo, "child " + children.refOf(subject)));
        return caseNo;
    }

    @Transactional
    public Detail detail(String caseNo) {
        Detail d = load(caseNo);
        audit.record(CurrentActor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "child " + d.child().ref()));
        return d;
    }

    /**
     * ケース概要 (the case summary) as a PDF to print: audited as a view of the case that left the system
     * on paper, with the child's reference.
     */
    @Transactional
    public CaseSummaryPdf.Printed printSummary(String caseNo) {
        Detail d = load(caseNo);
        byte[] pdf = CaseSummaryPdf.render(d, times, labels::staff, CurrentActor.name());
        audit.record(CurrentActor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "summary printed (PDF), child " + d.child().ref()));
        return new CaseSummaryPdf.Printed(d.summary().caseNo() + "-summary.pdf", pdf);
    }

    private Detail load(String caseNo) {
        Summary s = summary(caseNo);
        ResultSetRow extra = jdbc.sql("select child_id, closed_at, closing_reason, yotaikyo_since, restricted_reason_enc, restricted_by, restricted_at, yotaikyo_review, transfer_to"
                        + " from case_file where id = :id")
                .param("id", s.id())
                .query((rs, i) -> new ResultSetRow(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getObject(4, LocalDate.class),
                        cipher.decrypt(rs.getBytes(5)), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, LocalDate.class),
                        rs.getString(9)))
                .single();
        ChildDirectory.Child child = children.find(children.refOf(extra.childId())).orElseThrow();
        List<Event> events = jdbc.sql("select * from case_event where case_id = :id order by at desc, id desc").param("id", s.id())
                .query((rs, i) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("kind"),
                        rs.getString("detail"), cipher.decrypt(rs.getBytes("note_enc")))).list();
        List<Goal> goals = jdbc.sql("select * from support_goal where case_id = :id order by due nulls last, id").param("id", s.id())
                .query((rs, i) -> new Goal(rs.getLong("id"), rs.getString("goal"), rs.getObject("due", LocalDate.class), rs.getObject("done_on", LocalDate.class))).list();
        List<Assessment> assessments = jdbc.sql("select * from risk_assessment where case_id = :id order by assessed_at desc").param("id", s.id())
                .query((rs, i) -> new Assessment(rs.getObject("assessed_at", OffsetDateTime.class), rs.getString("assessed_by"),
                        List.of((String[]) rs.getArray("checked").getArray()).stream().map(c -> codes.label(CodeKind.RISK_ITEM, c)).toList(),
                        rs.getString("level"), cipher.decrypt(rs.getBytes("note_enc")))).list();
        List<Alert> alerts = alerts("c.id = " + s.id());
        return new Detail(s, child, extra.closedAt(), extra.closingReason(), extra.yotaikyoSince(), consultations.forCase(s.id()), events, goals,
                assessments, referralsWhere("r.case_id = :v", s.id()), alerts, contacts(s.id()), s.restricted() ? extra.restrictedReason() : null,
                s.restricted() ? extra.restrictedBy() : null, s.restricted() ? extra.restrictedAt() : null, extra.yotaikyoReview(),
                extra.transferTo());
    }

    private record ResultSetRow(long childId, OffsetDateTime closedAt, String closingReason, LocalDate yotaikyoSince, String restrictedReason,
                                String restrictedBy, OffsetDateTime restrictedAt, LocalDate yotaikyoReview, String transferTo) {
    }

    /** Open cases: the caller's own, or (for a supervisor or administrator) everyone's. */
    @Transactional
    public List<Summary> openCases(boolean everyone) {
        List<Summary> list = jdbc.sql(SUMMARY + " where c.status <> 'CLOSED'" + (everyone ? "" : " and c.caseworker = :me")
                        + " order by c.next_due nulls first, c.case_no")
                .param("me", CurrentActor.name()).query(CaseService::summary).list();
        audit.record(CurrentActor.event(AuditAction.CASE_LISTED, "cases", (everyone ? "all" : "own") + " open cases: " + list.size()));
        return list;
    }

    @Transactional
    public void setStatus(String caseNo, CaseStatus status, String note) {
        Summary s = summary(caseNo);
        requireOpen(s);
        if (status == CaseStatus.CLOSED) {
            if (note == null || note.isBlank()) {
                throw new InvalidInputException(List.of(new FieldError("note", "終結の理由を入力してください", "enter why the case is closed")));
            }
            jdbc.sql("update case_file set status = 'CLOSED', closed_at = now(), closing_reason = :r, next_action = null, next_due = null where id = :id")
                    .param("r", note.strip()).param("id", s.id()).update();
            jdbc.sql("update case_alert set acknowledged_by = :u, acknowledged_at = now() where case_id = :id and acknowledged_at is null")
                    .param("u", CurrentActor.name()).param("id", s.id()).update();
            event(s.id(), "CLOSED", "終結 / closed", note.strip());
            audit.record(CurrentActor.event(AuditAction.CASE_CLOSED, "case:" + caseNo, null));
            return;
        }
        jdbc.sql("update case_file set status = :s where id = :id").param("s", status.name()).param("id", s.id()).update();
        event(s.id(), "STATUS", s.status().labelJa() + " → " + status.labelJa(), blank(note));
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "status " + status));
    }

    @SupervisorOnly
    @Transactional
    public void assign(String caseNo, String caseworker) {
        Summary s = summary(caseNo);
        requireOpen(s);
        // The same list the page's picker offers: an id typed or sent by hand that is no centre staff member is refused here.
        UserAccount u = staff.find(caseworker).orElseThrow(() -> new InvalidInputException(List.of(new FieldError("caseworker",
                "担当者：一覧からセンターの職員（ケースワーカー・統括者）を選んでください。担当は変更していません",
                "Caseworker: choose a centre caseworker or supervisor from the list; the case's caseworker was not changed"))));
        jdbc.sql("update case_file set caseworker = :w where id = :id").param("w", u.username()).param("id", s.id()).update();
        event(s.id(), "ASSIGNED", s.caseworker() + " → " + u.username(), null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "assigned to " + u.username()));
    }

    /** The next action and when it is due: every open case has one. */
    @Transactional
    public void setFollowUp(String caseNo, String action, LocalDate due) {
        Summary s = summary(caseNo);
        requireOpen(s);
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
        event(s.id(), "FOLLOW_UP", "次の対応 / next: " + action.strip() + "（期限 " + due + "）", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "follow-up due " + due));
    }

    /**
     * 接触記録: a contact with the family or about the child (a home visit, a call, a visit to the centre,
     * an agency), dated when it happened, which may be days before it is written down (back-dating) but
     * never in the future. It moves the "no contact" clock forward, never back.
     */
    @Transactional
    public long recordContact(String caseNo, NewContact c) {
        Summary s = summary(caseNo);
        requireOpen(s);
        OffsetDateTime at = validContact(c, null, false);
        long id = jdbc.sql("insert into case_contact (case_id, created_by) values (:c, :by) returning id")
                .param("c", s.id()).param("by", CurrentActor.name()).query(Long.class).single();
        insertVersion(id, 1, c, at, null);
        jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, :at) where id = :id").param("at", at).param("id", s.id()).update();
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "contact " + id + " " + c.kind().labelJa() + " at " + at.toInstant()));
        return id;
    }

    /**
     * A correction is a new version of the contact: the earlier text stays, viewable with who wrote it
     * and when, and the correction says why. The one who first recorded the contact, the case's caseworker
     * or a supervisor may correct it; anyone else is refused (403, audited). A closed case's contacts can
     * still be corrected: a record found wrong after closing must be put right, not left wrong.
     */
    @Transactional
    public void correctContact(String caseNo, long contactId, NewContact c, String reason) {
        Summary s = summary(caseNo);
        String firstBy = jdbc.sql("select created_by from case_contact where id = :id and case_id = :c").param("id", contactId).param("c", s.id())
                .query(String.class).optional().orElseThrow(() -> new ChildNotFoundException("contact " + contactId));
        String me = CurrentActor.name();
        if (!me.equals(firstBy) && !me.equals(s.caseworker()) && !CurrentActor.supervises()) {
            throw new Refused("接触記録を訂正できるのは、記録した人・担当者・統括者です",
                    "only whoever recorded the contact, the case's caseworker or a supervisor may correct it");
        }
        OffsetDateTime at = validContact(c, reason, true);
        // Locks the contact's row so that two corrections at once are numbered one after the other.
        jdbc.sql("select id from case_contact where id = :id for update").param("id", contactId).query(Long.class).single();
        int next = jdbc.sql("select max(version) + 1 from case_contact_version where contact_id = :id").param("id", contactId).query(Integer.class).single();
        insertVersion(contactId, next, c, at, reason.strip());
        jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, :at) where id = :id").param("at", at).param("id", s.id()).update();
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "contact " + contactId + " corrected (version " + next + ")"));
    }

    /** Every version of one contact, newest first; audited as a view of the case. */
    @Transactional
    public List<Contact> contactHistory(String caseNo, long contactId) {
        Summary s = summary(caseNo);
        List<Contact> versions = jdbc.sql(CONTACT_SELECT + " where k.case_id = :c and k.id = :id order by v.version desc")
                .param("c", s.id()).param("id", contactId).query(this::contact).list();
        if (versions.isEmpty()) {
            throw new ChildNotFoundException("contact " + contactId);
        }
        audit.record(CurrentActor.event(AuditAction.CASE_VIEWED, "case:" + s.caseNo(), "contact " + contactId + " history, " + versions.size() + " versions"));
        return versions;
    }

    /** The case's contacts as their latest versions say, newest contact first. */
    List<Contact> contacts(long caseId) {
        return jdbc.sql(CONTACT_SELECT + " where k.case_id = :c and v.version = (select max(version) from case_contact_version where contact_id = k.id)"
                        + " order by v.contact_at desc, k.id desc")
                .param("c", caseId).query(this::contact).list();
    }

    /** The contacts of a child's cases that whoever is acting may see, for its timeline (which audits the page). */
    List<Contact> contactsForSubject(long subjectId, List<String> caseNos) {
        return jdbc.sql(CONTACT_SELECT.replace("from case_contact k", ", c.case_no from case_contact k join case_file c on c.id = k.case_id")
                        + " where c.child_id = :s and " + VISIBLE
                        + " and v.version = (select max(version) from case_contact_version where contact_id = k.id) order by v.contact_at desc")
                .param("s", subjectId).param("me", CurrentActor.name()).param("sup", CurrentActor.supervises())
                .query((rs, i) -> {
                    caseNos.add(rs.getString("case_no"));
                    return contact(rs, i);
                }).list();
    }

    private static final String CONTACT_SELECT = """
            select k.id, k.created_by, k.created_at, v.version, v.kind, v.contact_at, v.met_enc, v.note_enc, v.reason_enc, v.recorded_by, v.recorded_at
            from case_contact k join case_contact_version v on v.contact_id = k.id""";

    private Contact contact(ResultSet rs, int i) throws SQLException {
        return new Contact(rs.getLong("id"), rs.getInt("version"), ContactKind.valueOf(rs.getString("kind")), rs.getObject("contact_at", OffsetDateTime.class),
                cipher.decrypt(rs.getBytes("met_enc")), cipher.decrypt(rs.getBytes("note_enc")), rs.getString("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class), cipher.decrypt(rs.getBytes("reason_enc")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private void insertVersion(long contactId, int version, NewContact c, OffsetDateTime at, String reason) {
        jdbc.sql("""
                insert into case_contact_version (contact_id, version, kind, contact_at, met_enc, note_enc, reason_enc, recorded_by)
                values (:id, :v, :k, :at, :m, :n, :r, :by)""")
                .param("id", contactId).param("v", version).param("k", c.kind().name()).param("at", at).param("m", cipher.encrypt(c.met().strip()))
                .param("n", cipher.encrypt(c.note().strip())).param("r", cipher.encrypt(reason)).param("by", CurrentActor.name()).update();
    }

    static final int MAX_MET = 200;

    /** Checks a contact as typed and returns when it happened; names every bad field. */
    private OffsetDateTime validContact(NewContact c, String reason, boolean correction) {
        List<FieldError> errors = contactErrors(c, reason, correction);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return c.at().atZone(times.zone()).toOffsetDateTime();
    }

    /** Every problem of a contact as typed (for a form that found some of its own, so that all are named at once). */
    public List<FieldError> contactErrors(NewContact c, String reason, boolean correction) {
        List<FieldError> errors = new ArrayList<>();
        if (c.kind() == null || c.kind() == ContactKind.UNRECORDED) {
            errors.add(new FieldError("kind", "接触の種別を選んでください", "choose the kind of contact"));
        }
        OffsetDateTime at = null;
        if (c.at() == null) {
            errors.add(new FieldError("at", "接触の日時を入力してください", "enter when the contact happened"));
        } else {
            at = c.at().atZone(times.zone()).toOffsetDateTime();
            if (at.isAfter(times.now())) {
                errors.add(new FieldError("at", "接触の日時が未来です（" + times.dateTime(at) + "）", "the contact's time is in the future"));
            } else if (c.at().getYear() < 2000) {
                errors.add(new FieldError("at", "接触の日時が古すぎます", "the contact's date is too far in the past"));
            }
        }
        if (c.met() == null || c.met().isBlank() || c.met().length() > MAX_MET) {
            errors.add(new FieldError("met", "会った・話した相手を" + MAX_MET + "文字以内で入力してください",
                    "enter who was met or spoken to, at most " + MAX_MET + " characters"));
        }
        if (c.note() == null || c.note().isBlank() || c.note().length() > ConsultationService.MAX_CONTENT) {
            errors.add(new FieldError("note", "接触の内容を" + ConsultationService.MAX_CONTENT + "文字以内で入力してください",
                    "describe the contact, at most " + ConsultationService.MAX_CONTENT + " characters"));
        }
        if (correction && (reason == null || reason.isBlank() || reason.length() > 500)) {
            errors.add(new FieldError("reason", "訂正の理由を500文字以内で入力してください", "enter why the contact is corrected, at most 500 characters"));
        }
        return errors;
    }

    static final String TRANSFER_AGENCY = "transfer_municipality";

    /**
     * 転出: the family moves to another municipality. In one transaction the case is handed over — a
     * referral (つなぎ) to the receiving municipality with its basis and what is passed on — and closed
     * with reason 転出; the transfer summary ({@link #printTransfer}) is then printed for the receiving centre.
     */
    @Transactional
    public void transfer(String caseNo, String municipality, LocalDate movedOn, ReferralBasis basis, String handover) {
        Summary s = summary(caseNo);
        requireOpen(s);
        List<FieldError> errors = transferErrors(municipality, movedOn, basis, handover);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String to = municipality.strip();
        // The referral is dated the day the case is passed on, which is today; the day of the move is the case's.
        addReferral(null, caseNo, "TO", TRANSFER_AGENCY, times.today(), basis,
                "転出先 / to: " + to + "\n" + handover.strip());
        jdbc.sql("""
                update case_file set status = 'CLOSED', closed_at = now(), closing_reason = :r, next_action = null, next_due = null,
                       transfer_to = :to, transfer_on = :on where id = :id""")
                .param("r", "転出 / moved out（" + to + "、" + times.date(movedOn) + "）").param("to", to).param("on", movedOn).param("id", s.id()).update();
        jdbc.sql("update case_alert set acknowledged_by = :u, acknowledged_at = now() where case_id = :id and acknowledged_at is null")
                .param("u", CurrentActor.name()).param("id", s.id()).update();
        event(s.id(), "CLOSED", "転出により終結・移管 / closed: moved out, handed over to " + to, null);
        audit.record(CurrentActor.event(AuditAction.CASE_CLOSED, "case:" + caseNo, "transfer (転出) on " + movedOn));
    }


    /** Every problem of a transfer as typed (for a form that found some of its own). */
    public List<FieldError> transferErrors(String municipality, LocalDate movedOn, ReferralBasis basis, String handover) {
        List<FieldError> errors = new ArrayList<>();
        if (municipality == null || municipality.isBlank() || municipality.strip().length() > 100) {
            errors.add(new FieldError("municipality", "転出先の市区町村（と担当機関）を100文字以内で入力してください",
                    "enter the receiving municipality (and its centre), at most 100 characters"));
        }
        if (movedOn == null || movedOn.isAfter(times.today().plusDays(90)) || movedOn.getYear() < 2000) {
            errors.add(new FieldError("movedOn", "転出日を入力してください（90日先まで）", "enter the day of the move (at most 90 days ahead)"));
        }
        if (basis == null || basis == ReferralBasis.RECEIVED) {
            errors.add(new FieldError("basis", "情報提供の根拠（同意または法令）を選んでください", "choose the basis for passing the case on (consent or statute)"));
        }
        if (handover == null || handover.isBlank() || handover.length() > ConsultationService.MAX_CONTENT) {
            errors.add(new FieldError("handover", "引き継ぐ内容を入力してください", "enter what is handed over"));
        }
        return errors;
    }

    /** 転出時の引継ぎ (the transfer summary) of a case handed over to another municipality, to print; audited. */
    @Transactional
    public CaseSummaryPdf.Printed printTransfer(String caseNo) {
        Detail d = load(caseNo);
        record Transfer(String to, LocalDate on) {
        }
        Transfer t = jdbc.sql("select transfer_to, transfer_on from case_file where id = :id and transfer_to is not null").param("id", d.summary().id())
                .query((rs, i) -> new Transfer(rs.getString(1), rs.getObject(2, LocalDate.class))).optional()
                .orElseThrow(() -> new ChildNotFoundException("transfer of " + caseNo));
        byte[] pdf = CaseSummaryPdf.renderTransfer(d, t.to(), t.on(), times, labels::staff, CurrentActor.name());
        audit.record(CurrentActor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "transfer summary printed (PDF), child " + d.child().ref()));
        return new CaseSummaryPdf.Printed(d.summary().caseNo() + "-transfer.pdf", pdf);
    }

    /**
     * Marks a case 制限ケース (restricted: a DV case, a staff member's relative) or lifts it; the reason is
     * required either way and kept encrypted. Supervisors and administrators only.
     */
    @SupervisorOnly
    @Transactional
    public void setRestricted(String caseNo, boolean restricted, String reason) {
        Summary s = summary(caseNo);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException(List.of(new FieldError("reason", "理由を500文字以内で入力してください", "enter the reason, at most 500 characters")));
        }
        jdbc.sql("update case_file set restricted = :r, restricted_reason_enc = :why, restricted_by = :by, restricted_at = now() where id = :id")
                .param("r", restricted).param("why", cipher.encrypt(reason.strip())).param("by", CurrentActor.name())
                .param("id", s.id()).update();
        // The reason is not copied into the case history, which everyone who may open the case reads (once lifted, everyone):
        // it may name the staff member whose relative the child is. It is kept, encrypted, with the case's latest decision.
        event(s.id(), "RESTRICTION", restricted ? "制限ケースに指定 / marked restricted" : "制限を解除 / restriction lifted", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, restricted ? "restricted" : "restriction lifted"));
    }


    @Transactional
    public void addGoal(String caseNo, String goal, LocalDate due) {
        Summary s = summary(caseNo);
        requireOpen(s);
        if (goal == null || goal.isBlank() || goal.length() > 500) {
            throw new InvalidInputException(List.of(new FieldError("goal", "支援目標を500文字以内で入力してください", "enter the goal, at most 500 characters")));
        }
        jdbc.sql("insert into support_goal (case_id, goal, due, created_by) values (:c, :g, :d, :by)")
                .param("c", s.id()).param("g", goal.strip()).param("d", due).param("by", CurrentActor.name()).update();
        event(s.id(), "PLAN", "支援目標を追加 / goal added", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "goal added"));
    }

    @Transactional
    public void completeGoal(String caseNo, long goalId) {
        Summary s = summary(caseNo);
        // Today in the city, not the database session's current_date (UTC on many servers).
        int n = jdbc.sql("update support_goal set done_on = :today where id = :g and case_id = :c and done_on is null")
                .param("today", times.today()).param("g", goalId).param("c", s.id()).update();
        if (n == 0) {
            throw new ChildNotFoundException("goal " + goalId);
        }
        event(s.id(), "PLAN", "支援目標を達成 / goal done", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "goal " + goalId + " done"));
    }

    @Transactional
    public void assess(String caseNo, List<String> checked, String level, String note) {
        Summary s = summary(caseNo);
        requireOpen(s);
        List<String> items = checked == null ? List.of() : checked;
        List<String> known = codes.active(CodeKind.RISK_ITEM).stream().map(CodeTable.Entry::code).toList();
        List<FieldError> errors = new ArrayList<>();
        if (!known.containsAll(items)) {
            errors.add(new FieldError("checked", "不明なチェック項目です", "unknown checklist item"));
        }
        if (level == null || !List.of("LOW", "MEDIUM", "HIGH").contains(level)) {
            errors.add(new FieldError("level", "リスクの程度を選んでください", "choose the risk level"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("insert into risk_assessment (case_id, assessed_by, checked, level, note_enc) values (:c, :by, :ch, :l, :n)")
                .param("c", s.id()).param("by", CurrentActor.name()).param("ch", items.toArray(String[]::new)).param("l", level)
                .param("n", cipher.encrypt(blank(note))).update();
        event(s.id(), "ASSESSMENT", "リスクアセスメント / risk assessment: " + CaseSummaryPdf.level(level) + "（" + items.size() + "項目）", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "assessment " + level));
    }

    @Transactional
    public void setYotaikyo(String caseNo, Yotaikyo registration, LocalDate since) {
        setYotaikyo(caseNo, registration, since, null);
    }

    /** The 要対協 registration, since when, and when the 実務者会議 next reviews the case (進行管理; optional). */
    @Transactional
    public void setYotaikyo(String caseNo, Yotaikyo registration, LocalDate since, LocalDate review) {
        Summary s = summary(caseNo);
        if (registration == null) {
            throw new InvalidInputException(List.of(new FieldError("yotaikyo", "要対協の登録区分を選んでください", "choose the council registration")));
        }
        LocalDate from = registration == Yotaikyo.NONE ? null : since != null ? since : times.today();
        if (review != null && from != null && review.isBefore(from)) {
            throw new InvalidInputException(List.of(new FieldError("review", "次回見直し日は登録日以後にしてください", "the next review must not be before the registration")));
        }
        jdbc.sql("update case_file set yotaikyo = :y, yotaikyo_since = :d, yotaikyo_review = :r where id = :id")
                .param("y", registration.name()).param("d", from).param("r", registration == Yotaikyo.NONE ? null : review)
                .param("id", s.id()).update();
        event(s.id(), "YOTAIKYO", "要対協 / council: " + registration.label() + (review == null ? "" : "（次回見直し " + times.date(review) + "）"), null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "yotaikyo " + registration));
    }

    /**
     * A referral to another agency (TO, with its basis: consent or statute) or information received from
     * one (FROM); on a case, or on a child without one. Counts as contact for the case.
     */
    @Transactional
    public long addReferral(String childRef, String caseNo, String direction, String agency, LocalDate onDate, ReferralBasis basis, String content) {
        List<FieldError> errors = new ArrayList<>();
        ReferralDirection way = ReferralDirection.ofCode(direction).orElse(null);
        if (way == null) {
            errors.add(new FieldError("direction", "つなぎ先か情報提供元かを選んでください", "choose referral to, or information from, an agency"));
        }
        if (agency == null || codes.active(CodeKind.AGENCY).stream().noneMatch(e -> e.code().equals(agency))) {
            errors.add(new FieldError("agency", "関係機関を選んでください", "choose the agency"));
        }
        if (onDate == null || onDate.isAfter(times.today())) {
            errors.add(new FieldError("onDate", "日付を今日以前で入力してください", "enter a date no later than today"));
        }
        if (basis == null || ((way == ReferralDirection.FROM) != (basis == ReferralBasis.RECEIVED))) {
            errors.add(new FieldError("basis", "根拠を選んでください（情報提供の受理は「関係機関からの情報提供」）",
                    "choose the basis (information received is 'information received')"));
        }
        if (content == null || content.isBlank() || content.length() > ConsultationService.MAX_CONTENT) {
            errors.add(new FieldError("content", "伝えた・受けた内容を入力してください", "enter what was passed on or received"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Long caseId = null;
        long subject;
        if (caseNo != null && !caseNo.isBlank()) {
            Summary s = summary(caseNo);
            caseId = s.id();
            subject = jdbc.sql("select child_id from case_file where id = :id").param("id", caseId).query(Long.class).single();
        } else {
            subject = children.ensureSubject(childRef);
        }
        long id = jdbc.sql("""
                insert into referral (child_id, case_id, direction, agency, on_date, basis, content_enc, recorded_by)
                values (:ch, :c, :d, :a, :on, :b, :t, :by) returning id""")
                .param("ch", subject).param("c", caseId).param("d", way.name()).param("a", agency).param("on", onDate).param("b", basis.name())
                .param("t", cipher.encrypt(content.strip())).param("by", CurrentActor.name()).query(Long.class).single();
        if (caseId != null) {
            jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, now()) where id = :id").param("id", caseId).update();
            event(caseId, "REFERRAL", (way == ReferralDirection.TO ? "つなぎ / referred to " : "情報提供 / information from ") + codes.label(CodeKind.AGENCY, agency), null);
        }
        audit.record(CurrentActor.event(AuditAction.REFERRAL_RECORDED, "referral:" + id, way + " " + agency + " " + basis + ", child " + children.refOf(subject)));
        return id;
    }

    /** The other agency's reply to a referral. */
    @Transactional
    public void replyToReferral(String caseNo, long referralId, String reply, LocalDate on) {
        Summary s = summary(caseNo);
        if (reply == null || reply.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("reply", "回答内容を入力してください", "enter the reply")));
        }
        int n = jdbc.sql("update referral set reply_enc = :r, replied_on = :d where id = :id and case_id = :c and direction = :to")
                .param("r", cipher.encrypt(reply.strip())).param("d", on != null ? on : times.today()).param("id", referralId)
                .param("c", s.id()).param("to", ReferralDirection.TO.name()).update();
        if (n == 0) {
            throw new ChildNotFoundException("referral " + referralId);
        }
        event(s.id(), "REFERRAL", "つなぎ先から回答 / reply received", null);
        audit.record(CurrentActor.event(AuditAction.REFERRAL_RECORDED, "referral:" + referralId, "reply on case " + caseNo));
    }

    /** Referrals about a child (on any of its cases or none), newest first; for pages that audit themselves. */
    List<Referral> referralsForSubject(long subjectId) {
        return referralsWhere("r.child_id = :v and (r.case_id is null or exists (select 1 from case_file c where c.id = r.case_id and " + VISIBLE + "))",
                subjectId);
    }

    private List<Referral> referralsWhere(String where, long value) {
        return jdbc.sql("""
                select r.*, (select case_no from case_file where id = r.case_id) as case_no,
                       (select label_ja from code_entry where kind = 'agency' and code = r.agency) as agency_ja
                from referral r where %s order by r.on_date desc, r.id desc""".formatted(where))
                .param("v", value).param("me", CurrentActor.name()).param("sup", CurrentActor.supervises())
                .query((rs, i) -> new Referral(rs.getLong("id"), rs.getString("case_no"), ReferralDirection.valueOf(rs.getString("direction")),
                        rs.getString("agency_ja") != null ? rs.getString("agency_ja") : rs.getString("agency"), rs.getObject("on_date", LocalDate.class),
                        ReferralBasis.valueOf(rs.getString("basis")), cipher.decrypt(rs.getBytes("content_enc")), cipher.decrypt(rs.getBytes("reply_enc")),
                        rs.getObject("replied_on", LocalDate.class), rs.getString("recorded_by")))
                .list();
    }

    /** Case events of a child's cases, for its timeline. */
    List<Event> eventsForSubject(long subjectId, List<String> caseNos) {
        return jdbc.sql("""
                select e.*, c.case_no from case_event e join case_file c on c.id = e.case_id where c.child_id = :s and """ + VISIBLE + """
                order by e.at desc""")
                .param("s", subjectId).param("me", CurrentActor.name()).param("sup", CurrentActor.supervises()).query((rs, i) -> {
                    caseNos.add(rs.getString("case_no"));
                    return new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("kind"),
                            rs.getString("detail"), cipher.decrypt(rs.getBytes("note_enc")));
                }).list();
    }

    @Transactional
    public void acknowledge(String caseNo, long alertId) {
        Summary s = summary(caseNo);
        int n = jdbc.sql("update case_alert set acknowledged_by = :u, acknowledged_at = now() where id = :a and case_id = :c and acknowledged_at is null")
                .param("u", CurrentActor.name()).param("a", alertId).param("c", s.id()).update();
        if (n == 0) {
            throw new ChildNotFoundException("alert " + alertId);
        }
        event(s.id(), "ALERT_ACK", "新しい相談を確認 / new consultation acknowledged", null);
        audit.record(CurrentActor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "alert " + alertId + " acknowledged"));
    }

    /**
     * What needs attention: overdue next actions, open cases without contact for the configured number
     * of days, open cases without a next action, and new consultations about children with an open case.
     * A caseworker sees their own cases; a supervisor or administrator sees the whole centre.
     */
    @Transactional
    public List<Alert> alertsFor(boolean everyone) {
        List<Alert> list = alerts(everyone ? "true" : "c.caseworker = :me");
        if (!list.isEmpty()) {
            audit.record(CurrentActor.event(AuditAction.ALERTS_VIEWED, "alerts", list.size() + " alerts: "
                    + list.stream().map(Alert::caseNo).distinct().reduce((a, b) -> a + " " + b).orElse("")));
        }
        return list;
    }

    private List<Alert> alerts(String where) {
        List<Alert> out = new ArrayList<>();
        String base = "from case_file c join child_subject s on s.id = c.child_id where c.status <> 'CLOSED' and " + where;
        jdbc.sql("select c.case_no, s.name, c.caseworker, c.next_action, c.next_due " + base + " and c.next_due < :today order by c.next_due")
                .param("me", CurrentActor.name()).param("today", times.today()).query(rs -> {
                    out.add(new Alert(AlertKind.OVERDUE, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4) + "（期限 / due " + times.date(rs.getObject(5, LocalDate.class)) + "）", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker, c.last_contact_at " + base + " and c.last_contact_at < now() - make_interval(days => :d) order by c.last_contact_at")
                .param("me", CurrentActor.name()).param("d", noContactDays).query(rs -> {
                    out.add(new Alert(AlertKind.NO_CONTACT, rs.getString(1), rs.getString(2), rs.getString(3),
                            "最終接触 / last contact " + times.date(times.dayOf(rs.getObject(4, OffsetDateTime.class)))
                                    + "（" + noContactDays + "日超 / over " + noContactDays + " days）", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker " + base + " and (c.next_action is null or c.next_due is null) order by c.case_no")
                .param("me", CurrentActor.name()).query(rs -> {
                    out.add(new Alert(AlertKind.NO_NEXT_ACTION, rs.getString(1), rs.getString(2), rs.getString(3), "", null));
                });
        jdbc.sql("select c.case_no, s.name, c.caseworker, k.consultation_no, a.id " + base.replace("where", "join case_alert a on a.case_id = c.id join consultation k on k.id = a.consultation_id where")
                        + " and a.acknowledged_at is null order by a.raised_at")
                .param("me", CurrentActor.name()).query(rs -> {
                    out.add(new Alert(AlertKind.NEW_CONSULTATION, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                });
        return out;
    }

    /** The case, if whoever is acting may open it: every read and change of a case comes through here. */
    Summary summary(String caseNo) {
        Summary s = jdbc.sql(SUMMARY + " where c.case_no = :no").param("no", caseNo == null ? "" : caseNo.strip().toUpperCase())
                .query(CaseService::summary).optional().orElseThrow(() -> new ChildNotFoundException(caseNo));
        requireVisible(s);
        return s;
    }

    /**
     * 制限ケース: only the assigned caseworker and the centre's supervisors (and the administrator, who has
     * every right of the centre) may open a restricted case. Anyone else is refused with 403, audited with
     * the reason by the access-denied handler, whichever page or action asked.
     */
    static void requireVisible(Summary s) {
        if (s.restricted() && !CurrentActor.supervises() && !s.caseworker().equals(CurrentActor.name())) {
            throw new Refused("このケースは制限ケースです。担当者と統括者のみが開けます",
                    "this is a restricted case: only its caseworker and the centre's supervisors may open it");
        }
    }

    /**
     * SQL that is true when whoever is acting may see the case aliased {@code c} (params {@code :me}, {@code :sup}):
     * lists, timelines and purposes use it so that a restricted case is not even seen by anyone else.
     */
    static final String VISIBLE = "(not c.restricted or c.caseworker = :me or :sup)";

    private static void requireOpen(Summary s) {
        if (s.status() == CaseStatus.CLOSED) {
            throw new InvalidInputException(List.of(new FieldError("status", "終結したケースは変更できません", "a closed case cannot be changed")));
        }
    }

    private static final String SUMMARY = """
            select c.*, coalesce(s.person_id, 'L' || s.id) as child_ref, s.name as child_name
            from case_file c join child_subject s on s.id = c.child_id""";

    private static Summary summary(ResultSet rs, int i) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("case_no"), rs.getString("child_ref"), rs.getString("child_name"),
                CaseStatus.valueOf(rs.getString("status")), rs.getString("caseworker"), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getString("next_action"), rs.getObject("next_due", LocalDate.class), rs.getObject("last_contact_at", OffsetDateTime.class),
                Yotaikyo.valueOf(rs.getString("yotaikyo")), rs.getBoolean("restricted"));
    }

    private void event(long caseId, String kind, String detail, String note) {
        jdbc.sql("insert into case_event (case_id, actor, kind, detail, note_enc) values (:c, :a, :k, :d, :n)")
                .param("c", caseId).param("a", CurrentActor.name()).param("k", kind).param("d", detail).param("n", cipher.encrypt(note)).update();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
