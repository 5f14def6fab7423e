package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.access.CentreStaff;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.time.Times;
import jp.mimamori.server.web.Labels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ケース (cases, case_file): one per child at a time, grouping its consultations, with a status, an
 * assigned caseworker, the 要対協 registration, 制限ケース (restriction), closing and 転出 (transfer); and
 * the whole case as its page and its printed summaries show it, gathered from the other concerns
 * ({@link CaseContacts}, {@link CaseGoals}, {@link RiskAssessments}, {@link Referrals}, {@link FollowUps}).
 * Centre roles; assignment and restriction are the supervisor's. Every read and write is audited.
 */
@Service
@CentreOnly
public class CaseFiles {

    public record Summary(long id, String caseNo, String childRef, String childName, CaseStatus status, String caseworker,
                          OffsetDateTime openedAt, String nextAction, LocalDate nextDue, OffsetDateTime lastContactAt, Yotaikyo yotaikyo,
                          boolean restricted) {
    }

    public record Detail(Summary summary, ChildDirectory.Child child, OffsetDateTime closedAt, String closingReason, LocalDate yotaikyoSince,
                         List<ConsultationService.View> consultations, List<CaseEvents.Event> events, List<CaseGoals.Goal> goals,
                         List<RiskAssessments.Assessment> assessments, List<Referrals.Referral> referrals, List<FollowUps.Alert> alerts,
                         List<CaseContacts.Contact> contacts, String restrictedReason, String restrictedBy, OffsetDateTime restrictedAt,
                         LocalDate yotaikyoReview, String transferTo) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final ChildDirectory children;
    private final ConsultationService consultations;
    private final CentreStaff staff;
    private final Labels labels;
    private final Times times;
    private final CaseLookup cases;
    private final CaseEvents events;
    private final CaseContacts contacts;
    private final CaseGoals goals;
    private final RiskAssessments assessments;
    private final Referrals referrals;
    private final FollowUps followUps;

    CaseFiles(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, ChildDirectory children, ConsultationService consultations, CentreStaff staff, Labels labels,
              Times times, CaseLookup cases, CaseEvents events, CaseContacts contacts, CaseGoals goals, RiskAssessments assessments,
              Referrals referrals, FollowUps followUps) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.children = children;
        this.consultations = consultations;
        this.staff = staff;
        this.labels = labels;
        this.times = times;
        this.cases = cases;
        this.events = events;
        this.contacts = contacts;
        this.goals = goals;
        this.assessments = assessments;
        this.referrals = referrals;
        this.followUps = followUps;
    }

    /** Opens a case for a child, assigned to the person opening it; the child's consultations not yet in a case join it. */
    @Transactional
    public String open(Actor actor, String childRef, String firstAction, LocalDate due) {
        long subject = children.ensureSubject(actor, childRef);
        jdbc.sql("select case when " + CaseLookup.VISIBLE + " then c.case_no else '' end from case_file c where child_id = :c and status <> 'CLOSED'")
                .param("c", subject).param("me", actor.name()).param("sup", actor.supervises())
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
        String household = jdbc.sql("select household_id from identity_person_v where person_id = (select person_id from child_subject where id = :s)")
                .param("s", subject).query(String.class).optional().orElse(null);
        long id = jdbc.sql("""
                insert into case_file (case_no, child_id, household_id, status, caseworker, next_action, next_due)
                values (:no, :c, :h, 'RECEIVED', :w, :a, :d) returning id""")
                .param("no", caseNo).param("c", subject).param("h", household).param("w", actor.name()).param("a", action).param("d", d)
                .query(Long.class).single();
        int joined = jdbc.sql("update consultation set case_id = :id where case_id is null and id in (select consultation_id from consultation_child where child_id = :c)")
                .param("id", id).param("c", subject).update();
        events.record(actor, id, "OPENED", "ケース開始（相談" + joined + "件を編入）/ opened with " + joined + " consultations", null);
        audit.record(actor.event(AuditAction.CASE_OPENED, "case:" + caseNo, "child " + children.refOf(subject)));
        return caseNo;
    }

    @Transactional
    public Detail detail(Actor actor, String caseNo) {
        Detail d = load(actor, caseNo);
        audit.record(actor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "child " + d.child().ref()));
        return d;
    }

    /**
     * ケース概要 (the case summary) as a PDF to print: audited as a view of the case that left the system
     * on paper, with the child's reference.
     */
    @Transactional
    public CaseSummaryPdf.Printed printSummary(Actor actor, String caseNo) {
        Detail d = load(actor, caseNo);
        byte[] pdf = CaseSummaryPdf.render(d, times, labels::staff, actor.name());
        audit.record(actor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "summary printed (PDF), child " + d.child().ref()));
        return new CaseSummaryPdf.Printed(d.summary().caseNo() + "-summary.pdf", pdf);
    }

    private Detail load(Actor actor, String caseNo) {
        Summary s = cases.find(actor, caseNo);
        ResultSetRow extra = jdbc.sql("select child_id, closed_at, closing_reason, yotaikyo_since, restricted_reason_enc, restricted_by, restricted_at, yotaikyo_review, transfer_to"
                        + " from case_file where id = :id")
                .param("id", s.id())
                .query((rs, i) -> new ResultSetRow(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getObject(4, LocalDate.class),
                        cipher.decrypt(rs.getBytes(5)), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, LocalDate.class),
                        rs.getString(9)))
                .single();
        ChildDirectory.Child child = children.find(children.refOf(extra.childId())).orElseThrow();
        List<CaseEvents.Event> history = events.forCase(s.id());
        List<CaseGoals.Goal> goalList = goals.forCase(s.id());
        List<RiskAssessments.Assessment> assessmentList = assessments.forCase(s.id());
        List<FollowUps.Alert> alerts = followUps.forCase(actor, s.id());
        return new Detail(s, child, extra.closedAt(), extra.closingReason(), extra.yotaikyoSince(), consultations.forCase(s.id()), history, goalList,
                assessmentList, referrals.forCase(actor, s.id()), alerts, contacts.forCase(s.id()), s.restricted() ? extra.restrictedReason() : null,
                s.restricted() ? extra.restrictedBy() : null, s.restricted() ? extra.restrictedAt() : null, extra.yotaikyoReview(),
                extra.transferTo());
    }

    private record ResultSetRow(long childId, OffsetDateTime closedAt, String closingReason, LocalDate yotaikyoSince, String restrictedReason,
                                String restrictedBy, OffsetDateTime restrictedAt, LocalDate yotaikyoReview, String transferTo) {
    }

    /** Open cases: the caller's own, or (for a supervisor or administrator) everyone's. */
    @Transactional
    public List<Summary> openCases(Actor actor, boolean everyone) {
        List<Summary> list = jdbc.sql(CaseLookup.SUMMARY + " where c.status <> 'CLOSED'" + (everyone ? "" : " and c.caseworker = :me")
                        + " order by c.next_due nulls first, c.case_no")
                .param("me", actor.name()).query(CaseLookup::summary).list();
        audit.record(actor.event(AuditAction.CASE_LISTED, "cases", (everyone ? "all" : "own") + " open cases: " + list.size()));
        return list;
    }

    @Transactional
    public void setStatus(Actor actor, String caseNo, CaseStatus status, String note) {
        Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        if (status == CaseStatus.CLOSED) {
            if (note == null || note.isBlank()) {
                throw new InvalidInputException(List.of(new FieldError("note", "終結の理由を入力してください", "enter why the case is closed")));
            }
            jdbc.sql("update case_file set status = 'CLOSED', closed_at = now(), closing_reason = :r, next_action = null, next_due = null where id = :id")
                    .param("r", note.strip()).param("id", s.id()).update();
            followUps.acknowledgeAll(actor, s.id());
            events.record(actor, s.id(), "CLOSED", "終結 / closed", note.strip());
            audit.record(actor.event(AuditAction.CASE_CLOSED, "case:" + caseNo, null));
            return;
        }
        jdbc.sql("update case_file set status = :s where id = :id").param("s", status.name()).param("id", s.id()).update();
        events.record(actor, s.id(), "STATUS", s.status().labelJa() + " → " + status.labelJa(), CaseLookup.blank(note));
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "status " + status));
    }

    @SupervisorOnly
    @Transactional
    public void assign(Actor actor, String caseNo, String caseworker) {
        Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        // The same list the page's picker offers: an id typed or sent by hand that is no centre staff member is refused here.
        UserAccount u = staff.find(caseworker).orElseThrow(() -> new InvalidInputException(List.of(new FieldError("caseworker",
                "担当者：一覧からセンターの職員（ケースワーカー・統括者）を選んでください。担当は変更していません",
                "Caseworker: choose a centre caseworker or supervisor from the list; the case's caseworker was not changed"))));
        jdbc.sql("update case_file set caseworker = :w where id = :id").param("w", u.username()).param("id", s.id()).update();
        events.record(actor, s.id(), "ASSIGNED", s.caseworker() + " → " + u.username(), null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "assigned to " + u.username()));
    }

    static final String TRANSFER_AGENCY = "transfer_municipality";

    /**
     * 転出: the family moves to another municipality. In one transaction the case is handed over — a
     * referral (つなぎ) to the receiving municipality with its basis and what is passed on — and closed
     * with reason 転出; the transfer summary ({@link #printTransfer}) is then printed for the receiving centre.
     */
    @Transactional
    public void transfer(Actor actor, String caseNo, String municipality, LocalDate movedOn, ReferralBasis basis, String handover) {
        Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        List<FieldError> errors = transferErrors(municipality, movedOn, basis, handover);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String to = municipality.strip();
        // The referral is dated the day the case is passed on, which is today; the day of the move is the case's.
        referrals.addReferral(actor, null, caseNo, "TO", TRANSFER_AGENCY, times.today(), basis,
                "転出先 / to: " + to + "\n" + handover.strip());
        jdbc.sql("""
                update case_file set status = 'CLOSED', closed_at = now(), closing_reason = :r, next_action = null, next_due = null,
                       transfer_to = :to, transfer_on = :on where id = :id""")
                .param("r", "転出 / moved out（" + to + "、" + times.date(movedOn) + "）").param("to", to).param("on", movedOn).param("id", s.id()).update();
        followUps.acknowledgeAll(actor, s.id());
        events.record(actor, s.id(), "CLOSED", "転出により終結・移管 / closed: moved out, handed over to " + to, null);
        audit.record(actor.event(AuditAction.CASE_CLOSED, "case:" + caseNo, "transfer (転出) on " + movedOn));
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
    public CaseSummaryPdf.Printed printTransfer(Actor actor, String caseNo) {
        Detail d = load(actor, caseNo);
        record Transfer(String to, LocalDate on) {
        }
        Transfer t = jdbc.sql("select transfer_to, transfer_on from case_file where id = :id and transfer_to is not null").param("id", d.summary().id())
                .query((rs, i) -> new Transfer(rs.getString(1), rs.getObject(2, LocalDate.class))).optional()
                .orElseThrow(() -> new ChildNotFoundException("transfer of " + caseNo));
        byte[] pdf = CaseSummaryPdf.renderTransfer(d, t.to(), t.on(), times, labels::staff, actor.name());
        audit.record(actor.event(AuditAction.CASE_VIEWED, "case:" + d.summary().caseNo(), "transfer summary printed (PDF), child " + d.child().ref()));
        return new CaseSummaryPdf.Printed(d.summary().caseNo() + "-transfer.pdf", pdf);
    }

    /**
     * Marks a case 制限ケース (restricted: a DV case, a staff member's relative) or lifts it; the reason is
     * required either way and kept encrypted. Supervisors and administrators only.
     */
    @SupervisorOnly
    @Transactional
    public void setRestricted(Actor actor, String caseNo, boolean restricted, String reason) {
        Summary s = cases.find(actor, caseNo);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException(List.of(new FieldError("reason", "理由を500文字以内で入力してください", "enter the reason, at most 500 characters")));
        }
        jdbc.sql("update case_file set restricted = :r, restricted_reason_enc = :why, restricted_by = :by, restricted_at = now() where id = :id")
                .param("r", restricted).param("why", cipher.encrypt(reason.strip())).param("by", actor.name())
                .param("id", s.id()).update();
        // The reason is not copied into the case history, which everyone who may open the case reads (once lifted, everyone):
        // it may name the staff member whose relative the child is. It is kept, encrypted, with the case's latest decision.
        events.record(actor, s.id(), "RESTRICTION", restricted ? "制限ケースに指定 / marked restricted" : "制限を解除 / restriction lifted", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, restricted ? "restricted" : "restriction lifted"));
    }

    @Transactional
    public void setYotaikyo(Actor actor, String caseNo, Yotaikyo registration, LocalDate since) {
        setYotaikyo(actor, caseNo, registration, since, null);
    }

    /** The 要対協 registration, since when, and when the 実務者会議 next reviews the case (進行管理; optional). */
    @Transactional
    public void setYotaikyo(Actor actor, String caseNo, Yotaikyo registration, LocalDate since, LocalDate review) {
        Summary s = cases.find(actor, caseNo);
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
        events.record(actor, s.id(), "YOTAIKYO", "要対協 / council: " + registration.label() + (review == null ? "" : "（次回見直し " + times.date(review) + "）"), null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "yotaikyo " + registration));
    }
}
