package jp.mimamori.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 相談 (consultation) records: when, by which channel, who contacted, about which children, of what
 * types, how urgent, what was said (encrypted at rest) and who took it. A consultation about a child
 * with an open case joins that case and raises an alert for its caseworker. Centre roles only; every
 * read and write is audited.
 */
@Service
@CentreOnly
public class ConsultationService {

    static final int MAX_CONTENT = 20_000;

    public record NewConsultation(LocalDateTime receivedAt, String channel, String contact, List<String> types, Urgency urgency,
                                  String content, String staff, Consent consent, List<String> childRefs) {
    }

    public record ChildName(String ref, String name) {
    }

    public record View(long id, String no, OffsetDateTime receivedAt, String channel, String contact, List<String> types,
                       Urgency urgency, String content, String staff, Consent consent, String caseNo, List<ChildName> children,
                       String origin, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final CodeTable codes;
    private final ChildDirectory children;
    private final Times times;

    public ConsultationService(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, CodeTable codes, ChildDirectory children, Times times) {
        this.jdbc = jdbc;
        this.times = times;
        this.audit = audit;
        this.cipher = cipher;
        this.codes = codes;
        this.children = children;
    }

    /** Records a consultation entered by staff; returns its number. */
    @Transactional
    public String record(Actor actor, NewConsultation n) {
        List<FieldError> errors = validate(n);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<Long> subjects = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(n.childRefs())) {
            subjects.add(children.ensureSubject(actor, ref));
        }
        String no = "S" + n.receivedAt().getYear() + "-" + String.format("%06d",
                jdbc.sql("select nextval('consultation_no_seq')").query(Long.class).single());
        insert(actor, no, n, subjects, "ENTERED");
        return no;
    }

    /** Inserts a validated consultation about existing subjects (entered or imported); joins open cases. */
    long insert(Actor actor, String no, NewConsultation n, List<Long> subjects, String origin) {
        Long caseId = null;
        List<Long> openCases = new ArrayList<>();
        for (long s : subjects) {
            jdbc.sql("select id from case_file where child_id = :c and status <> 'CLOSED'").param("c", s).query(Long.class).optional()
                    .ifPresent(openCases::add);
        }
        if (!openCases.isEmpty()) {
            caseId = openCases.get(0);
        }
        long id = jdbc.sql("""
                insert into consultation (consultation_no, received_at, channel, contact, urgency, staff, content_enc, consent, case_id, origin, created_by)
                values (:no, :at, :ch, :co, :u, :st, :c, :cs, :case, :o, :by) returning id""")
                .param("no", no).param("at", n.receivedAt().atZone(times.zone()).toOffsetDateTime()).param("ch", n.channel()).param("co", n.contact())
                .param("u", n.urgency().name()).param("st", n.staff().strip()).param("c", cipher.encrypt(n.content().strip()))
                .param("cs", (n.consent() == null ? Consent.UNKNOWN : n.consent()).name()).param("case", caseId).param("o", origin)
                .param("by", actor.name()).query(Long.class).single();
        for (long s : subjects) {
            jdbc.sql("insert into consultation_child (consultation_id, child_id) values (:c, :s)").param("c", id).param("s", s).update();
        }
        for (String t : new LinkedHashSet<>(n.types())) {
            jdbc.sql("insert into consultation_type (consultation_id, type_code) values (:c, :t)").param("c", id).param("t", t).update();
        }
        if ("ENTERED".equals(origin)) {
            // A new consultation about a child already in an open case: its caseworker must see it.
            for (long c : openCases) {
                jdbc.sql("insert into case_alert (case_id, consultation_id) values (:c, :k)").param("c", c).param("k", id).update();
                jdbc.sql("update case_file set last_contact_at = greatest(last_contact_at, :at) where id = :c")
                        .param("at", n.receivedAt().atZone(times.zone()).toOffsetDateTime()).param("c", c).update();
            }
        }
        audit.record(actor.event(AuditAction.CONSULTATION_RECORDED, "consultation:" + no,
                origin + ", children " + subjects.size() + (caseId == null ? "" : ", joined case " + caseId)));
        return id;
    }

    List<FieldError> validate(NewConsultation n) {
        List<FieldError> errors = new ArrayList<>();
        if (n.receivedAt() == null) {
            errors.add(new FieldError("receivedAt", "受付日時を入力してください", "enter when the consultation was received"));
        } else if (n.receivedAt().isAfter(LocalDateTime.now(times.clock()).plusHours(1))) {
            errors.add(new FieldError("receivedAt", "受付日時が未来です", "the time received is in the future"));
        }
        if (n.channel() == null || codes.active(CodeKind.CHANNEL).stream().noneMatch(e -> e.code().equals(n.channel()))) {
            errors.add(new FieldError("channel", "相談経路を選んでください", "choose a channel"));
        }
        if (n.contact() == null || codes.active(CodeKind.CONTACT).stream().noneMatch(e -> e.code().equals(n.contact()))) {
            errors.add(new FieldError("contact", "相談者を選んでください", "choose who contacted the centre"));
        }
        List<String> known = codes.active(CodeKind.CONSULTATION_TYPE).stream().map(CodeTable.Entry::code).toList();
        if (n.types() == null || n.types().isEmpty()) {
            errors.add(new FieldError("types", "相談種別を1つ以上選んでください", "choose at least one consultation type"));
        } else if (!known.containsAll(n.types())) {
            errors.add(new FieldError("types", "不明な相談種別です", "unknown consultation type"));
        }
        if (n.urgency() == null) {
            errors.add(new FieldError("urgency", "緊急度を選んでください", "choose the urgency"));
        }
        if (n.content() == null || n.content().isBlank()) {
            errors.add(new FieldError("content", "相談内容を入力してください", "enter what the consultation was about"));
        } else if (n.content().length() > MAX_CONTENT) {
            errors.add(new FieldError("content", "相談内容は" + MAX_CONTENT + "文字以内", "content must be at most " + MAX_CONTENT + " characters"));
        }
        if (n.staff() == null || n.staff().isBlank() || n.staff().length() > 100) {
            errors.add(new FieldError("staff", "対応者を100文字以内で入力してください", "enter the staff member, at most 100 characters"));
        }
        if (n.childRefs() == null || n.childRefs().isEmpty()) {
            errors.add(new FieldError("children", "対象のこどもを1人以上指定してください", "name at least one child"));
        } else {
            for (String ref : n.childRefs()) {
                if (children.find(ref).isEmpty()) {
                    errors.add(new FieldError("children", "こどもが見つかりません: " + ref, "no such child: " + ref));
                }
            }
        }
        return errors;
    }

    @Transactional
    public View get(Actor actor, String no) {
        View v = jdbc.sql(SELECT + " where k.consultation_no = :no").param("no", no).query(this::view).optional()
                .orElseThrow(() -> new ChildNotFoundException(no));
        // A consultation in a 制限ケース (restricted case) is the case's: only those who may open the case may read it,
        // and whoever recorded it (a caseworker who took the call is shown what they wrote, nothing more).
        boolean hidden = jdbc.sql("select count(*) from consultation k join case_file c on c.id = k.case_id where k.id = :id and k.created_by <> :me and not "
                        + CaseLookup.VISIBLE).param("id", v.id()).param("me", actor.name()).param("sup", actor.supervises())
                .query(Long.class).single() > 0;
        if (hidden) {
            throw new jp.mimamori.server.access.Refused("この相談は制限ケースの記録です。担当者と統括者のみが開けます",
                    "this consultation belongs to a restricted case: only its caseworker and the centre's supervisors may open it");
        }
        audit.record(actor.event(AuditAction.CONSULTATION_VIEWED, "consultation:" + no, null));
        return v;
    }

    /** Every consultation about a child, newest first (for the child's timeline, which audits the page). */
    List<View> forSubject(Actor actor, long subjectId) {
        return jdbc.sql(SELECT + " where k.id in (select consultation_id from consultation_child where child_id = :s)"
                        + " and (k.case_id is null or k.created_by = :me or exists (select 1 from case_file c where c.id = k.case_id and " + CaseLookup.VISIBLE + "))"
                        + " order by k.received_at desc")
                .param("s", subjectId).param("me", actor.name()).param("sup", actor.supervises()).query(this::view).list();
    }

    /** The consultations of a case, newest first (for the case page, which audits the page). */
    List<View> forCase(long caseId) {
        return jdbc.sql(SELECT + " where k.case_id = :c order by k.received_at desc").param("c", caseId).query(this::view).list();
    }

    private static final String SELECT = """
            select k.*, (select case_no from case_file where id = k.case_id) as case_no,
                   (select string_agg(coalesce(e.label_ja, t.type_code), '、' order by e.sort) from consultation_type t
                      left join code_entry e on e.kind = 'consultation_type' and e.code = t.type_code where t.consultation_id = k.id) as types,
                   (select label_ja from code_entry where kind = 'channel' and code = k.channel) as channel_ja,
                   (select label_ja from code_entry where kind = 'contact' and code = k.contact) as contact_ja
            from consultation k""";

    private View view(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        List<ChildName> kids = jdbc.sql("select coalesce(person_id, 'L' || id), name from child_subject where id in (select child_id from consultation_child where consultation_id = :c) order by id")
                .param("c", id).query((r, j) -> new ChildName(r.getString(1), r.getString(2))).list();
        String types = rs.getString("types");
        return new View(id, rs.getString("consultation_no"), rs.getObject("received_at", OffsetDateTime.class),
                orCode(rs.getString("channel_ja"), rs.getString("channel")), orCode(rs.getString("contact_ja"), rs.getString("contact")),
                types == null ? List.of() : List.of(types.split("、")), Urgency.valueOf(rs.getString("urgency")),
                cipher.decrypt(rs.getBytes("content_enc")), rs.getString("staff"), Consent.valueOf(rs.getString("consent")),
                rs.getString("case_no"), kids, rs.getString("origin"), rs.getString("created_by"));
    }

    private static String orCode(String label, String code) {
        return label != null ? label : code;
    }
}
