package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * つなぎ (referrals, referral): a child or case passed on to another agency with its basis, or information
 * received from one, and the other agency's reply. Centre roles; audited.
 */
@Service
@CentreOnly
public class Referrals {

    public record Referral(long id, String caseNo, ReferralDirection direction, String agency, LocalDate onDate, ReferralBasis basis, String content,
                           String reply, LocalDate repliedOn, String recordedBy) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final ChildDirectory children;
    private final CodeTable codes;
    private final CaseLookup cases;
    private final CaseEvents events;
    private final Times times;

    Referrals(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, ChildDirectory children, CodeTable codes, CaseLookup cases, CaseEvents events,
              Times times) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.children = children;
        this.codes = codes;
        this.cases = cases;
        this.events = events;
        this.times = times;
    }

    /**
     * A referral to another agency (TO, with its basis: consent or statute) or information received from
     * one (FROM); on a case, or on a child without one. Counts as contact for the case.
     */
    @Transactional
    public long addReferral(Actor actor, String childRef, String caseNo, String direction, String agency, LocalDate onDate, ReferralBasis basis, String content) {
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
            CaseFiles.Summary s = cases.find(actor, caseNo);
            caseId = s.id();
            subject = jdbc.sql("select child_id from case_file where id = :id").param("id", caseId).query(Long.class).single();
        } else {
            subject = children.ensureSubject(actor, childRef);
        }
        long id = jdbc.sql("""
                insert into referral (child_id, case_id, direction, agency, on_date, basis, content_enc, recorded_by)
                values (:ch, :c, :d, :a, :on, :b, :t, :by) returning id""")
                .param("ch", subject).param("c", caseId).param("d", way.name()).param("a", agency).param("on", onDate).param("b", basis.name())
                .param("t", cipher.encrypt(content.strip())).param("by", actor.name()).query(Long.class).single();
        if (caseId != null) {
            jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, now()) where id = :id").param("id", caseId).update();
            events.record(actor, caseId, "REFERRAL", (way == ReferralDirection.TO ? "つなぎ / referred to " : "情報提供 / information from ") + codes.label(CodeKind.AGENCY, agency), null);
        }
        audit.record(actor.event(AuditAction.REFERRAL_RECORDED, "referral:" + id, way + " " + agency + " " + basis + ", child " + children.refOf(subject)));
        return id;
    }

    /** The other agency's reply to a referral. */
    @Transactional
    public void replyToReferral(Actor actor, String caseNo, long referralId, String reply, LocalDate on) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        if (reply == null || reply.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("reply", "回答内容を入力してください", "enter the reply")));
        }
        int n = jdbc.sql("update referral set reply_enc = :r, replied_on = :d where id = :id and case_id = :c and direction = :to")
                .param("r", cipher.encrypt(reply.strip())).param("d", on != null ? on : times.today()).param("id", referralId)
                .param("c", s.id()).param("to", ReferralDirection.TO.name()).update();
        if (n == 0) {
            throw new ChildNotFoundException("referral " + referralId);
        }
        events.record(actor, s.id(), "REFERRAL", "つなぎ先から回答 / reply received", null);
        audit.record(actor.event(AuditAction.REFERRAL_RECORDED, "referral:" + referralId, "reply on case " + caseNo));
    }

    /** The case's referrals, newest first; for the case page, which audits itself. */
    List<Referral> forCase(Actor actor, long caseId) {
        return where(actor, "r.case_id = :v", caseId);
    }

    /** Referrals about a child (on any of its cases or none), newest first; for pages that audit themselves. */
    List<Referral> forSubject(Actor actor, long subjectId) {
        return where(actor, "r.child_id = :v and (r.case_id is null or exists (select 1 from case_file c where c.id = r.case_id and " + CaseLookup.VISIBLE + "))",
                subjectId);
    }

    private List<Referral> where(Actor actor, String where, long value) {
        return jdbc.sql("""
                select r.*, (select case_no from case_file where id = r.case_id) as case_no,
                       (select label_ja from code_entry where kind = 'agency' and code = r.agency) as agency_ja
                from referral r where %s order by r.on_date desc, r.id desc""".formatted(where))
                .param("v", value).param("me", actor.name()).param("sup", actor.supervises())
                .query((rs, i) -> new Referral(rs.getLong("id"), rs.getString("case_no"), ReferralDirection.valueOf(rs.getString("direction")),
                        rs.getString("agency_ja") != null ? rs.getString("agency_ja") : rs.getString("agency"), rs.getObject("on_date", LocalDate.class),
                        ReferralBasis.valueOf(rs.getString("basis")), cipher.decrypt(rs.getBytes("content_enc")), cipher.decrypt(rs.getBytes("reply_enc")),
                        rs.getObject("replied_on", LocalDate.class), rs.getString("recorded_by")))
                .list();
    }
}
