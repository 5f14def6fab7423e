package jp.mimamori.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.Refused;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 接触記録 (contacts, case_contact and case_contact_version): each contact with the family or about the
 * child, kept in versions so that a correction never erases what was first written. Centre roles; audited.
 */
@Service
@CentreOnly
public class CaseContacts {

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

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final CaseLookup cases;
    private final Times times;

    CaseContacts(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, CaseLookup cases, Times times) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.cases = cases;
        this.times = times;
    }

    /**
     * 接触記録: a contact with the family or about the child (a home visit, a call, a visit to the centre,
     * an agency), dated when it happened, which may be days before it is written down (back-dating) but
     * never in the future. It moves the "no contact" clock forward, never back.
     */
    @Transactional
    public long recordContact(Actor actor, String caseNo, NewContact c) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        OffsetDateTime at = validContact(c, null, false);
        long id = jdbc.sql("insert into case_contact (case_id, created_by) values (:c, :by) returning id")
                .param("c", s.id()).param("by", actor.name()).query(Long.class).single();
        insertVersion(actor, id, 1, c, at, null);
        jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, :at) where id = :id").param("at", at).param("id", s.id()).update();
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "contact " + id + " " + c.kind().labelJa() + " at " + at.toInstant()));
        return id;
    }

    /**
     * A correction is a new version of the contact: the earlier text stays, viewable with who wrote it
     * and when, and the correction says why. The one who first recorded the contact, the case's caseworker
     * or a supervisor may correct it; anyone else is refused (403, audited). A closed case's contacts can
     * still be corrected: a record found wrong after closing must be put right, not left wrong.
     */
    @Transactional
    public void correctContact(Actor actor, String caseNo, long contactId, NewContact c, String reason) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        String firstBy = jdbc.sql("select created_by from case_contact where id = :id and case_id = :c").param("id", contactId).param("c", s.id())
                .query(String.class).optional().orElseThrow(() -> new ChildNotFoundException("contact " + contactId));
        String me = actor.name();
        if (!me.equals(firstBy) && !me.equals(s.caseworker()) && !actor.supervises()) {
            throw new Refused("接触記録を訂正できるのは、記録した人・担当者・統括者です",
                    "only whoever recorded the contact, the case's caseworker or a supervisor may correct it");
        }
        OffsetDateTime at = validContact(c, reason, true);
        // Locks the contact's row so that two corrections at once are numbered one after the other.
        jdbc.sql("select id from case_contact where id = :id for update").param("id", contactId).query(Long.class).single();
        int next = jdbc.sql("select max(version) + 1 from case_contact_version where contact_id = :id").param("id", contactId).query(Integer.class).single();
        insertVersion(actor, contactId, next, c, at, reason.strip());
        jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, :at) where id = :id").param("at", at).param("id", s.id()).update();
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "contact " + contactId + " corrected (version " + next + ")"));
    }

    /** Every version of one contact, newest first; audited as a view of the case. */
    @Transactional
    public List<Contact> contactHistory(Actor actor, String caseNo, long contactId) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        List<Contact> versions = jdbc.sql(CONTACT_SELECT + " where k.case_id = :c and k.id = :id order by v.version desc")
                .param("c", s.id()).param("id", contactId).query(this::contact).list();
        if (versions.isEmpty()) {
            throw new ChildNotFoundException("contact " + contactId);
        }
        audit.record(actor.event(AuditAction.CASE_VIEWED, "case:" + s.caseNo(), "contact " + contactId + " history, " + versions.size() + " versions"));
        return versions;
    }

    /** The case's contacts as their latest versions say, newest contact first. */
    List<Contact> forCase(long caseId) {
        return jdbc.sql(CONTACT_SELECT + " where k.case_id = :c and v.version = (select max(version) from case_contact_version where contact_id = k.id)"
                        + " order by v.contact_at desc, k.id desc")
                .param("c", caseId).query(this::contact).list();
    }

    /** The contacts of a child's cases that whoever is acting may see, for its timeline (which audits the page). */
    List<Contact> forSubject(Actor actor, long subjectId, List<String> caseNos) {
        return jdbc.sql(CONTACT_SELECT.replace("from case_contact k", ", c.case_no from case_contact k join case_file c on c.id = k.case_id")
                        + " where c.child_id = :s and " + CaseLookup.VISIBLE
                        + " and v.version = (select max(version) from case_contact_version where contact_id = k.id) order by v.contact_at desc")
                .param("s", subjectId).param("me", actor.name()).param("sup", actor.supervises())
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

    private void insertVersion(Actor actor, long contactId, int version, NewContact c, OffsetDateTime at, String reason) {
        jdbc.sql("""
                insert into case_contact_version (contact_id, version, kind, contact_at, met_enc, note_enc, reason_enc, recorded_by)
                values (:id, :v, :k, :at, :m, :n, :r, :by)""")
                .param("id", contactId).param("v", version).param("k", c.kind().name()).param("at", at).param("m", cipher.encrypt(c.met().strip()))
                .param("n", cipher.encrypt(c.note().strip())).param("r", cipher.encrypt(reason)).param("by", actor.name()).update();
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
}
