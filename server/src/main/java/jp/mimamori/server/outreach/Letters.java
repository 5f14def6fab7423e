package jp.mimamori.server.outreach;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outreach letters (通知文): a versioned template that CENTER_SUPERVISOR and ADMIN edit, and the PDF
 * for an outreach item assigned as 通知文送付, addressed to the household's 世帯主 at the registry
 * address. The letter says nothing about why the child was proposed: the template may use only the
 * placeholders below, and a template naming a risk (虐待, 生活保護, 未受診 …, or any indicator) is refused,
 * since a letter can be opened by anyone in the house. Printing is the assigned caseworker's or a
 * supervisor's, and is audited with the child it names.
 */
@Service
@CentreOnly
public class Letters {

    public record Template(int version, String title, String body, String sender, String contact, String createdBy, OffsetDateTime createdAt) {
    }

    /** A printed letter: the PDF and its file name. */
    public record Printed(byte[] pdf, String fileName, int missingGlyphs) {
    }

    /** Placeholders a template may use, and nothing else. */
    public static final List<String> PLACEHOLDERS = List.of("{宛名}", "{こども氏名}", "{日付}", "{差出人}", "{連絡先}");

    /** Words that would tell a reader of the letter why the family was contacted. */
    private static final List<String> RISK_WORDS = List.of("虐待", "ネグレクト", "リスク", "スコア", "判定", "要保護", "要支援", "特定妊婦", "生活保護",
            "滞納", "未納", "非課税", "欠席", "不登校", "未受診", "未接種", "障害", "児童扶養手当", "就学援助", "ひとり親", "要対協", "通告", "一時保護");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final OutreachService outreach;

    private final jp.mimamori.server.time.Times times;

    public Letters(JdbcClient jdbc, AuditLog audit, OutreachService outreach, jp.mimamori.server.time.Times times) {
        this.times = times;
        this.jdbc = jdbc;
        this.audit = audit;
        this.outreach = outreach;
    }

    public Template current() {
        return jdbc.sql("select * from letter_template order by version desc limit 1").query(Letters::template).single();
    }

    public List<Template> history() {
        return jdbc.sql("select * from letter_template order by version desc").query(Letters::template).list();
    }

    private static Template template(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Template(rs.getInt("version"), rs.getString("title"), rs.getString("body"), rs.getString("sender"), rs.getString("contact"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));
    }

    /** Files a new version of the template; every problem is named and nothing is stored unless all are right. */
    @SupervisorOnly
    @Transactional
    public int saveTemplate(Actor actor, String title, String body, String sender, String contact) {
        List<FieldError> errors = new ArrayList<>();
        check("title", "表題", "the title", title, 60, errors);
        check("body", "本文", "the body", body, 3000, errors);
        check("sender", "差出人", "the sender", sender, 200, errors);
        check("contact", "連絡先", "the contact", contact, 300, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int next = current().version() + 1;
        jdbc.sql("insert into letter_template (version, title, body, sender, contact, created_by) values (:v, :t, :b, :s, :c, :by)")
                .param("v", next).param("t", title.strip()).param("b", body.strip()).param("s", sender.strip()).param("c", contact.strip())
                .param("by", actor.name()).update();
        audit.record(actor.event(AuditAction.LETTER_TEMPLATE_CHANGED, "letter_template:v" + next, title.strip()));
        return next;
    }

    private static void check(String field, String labelJa, String labelEn, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            errors.add(new FieldError(field, labelJa + "は1〜" + max + "文字", labelEn + " must be 1 to " + max + " characters"));
            return;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                errors.add(new FieldError(field, "使えない差し込み項目です: " + m.group() + "（使えるのは " + String.join(" ", PLACEHOLDERS) + "）",
                        "unknown placeholder " + m.group() + " (allowed: " + String.join(" ", PLACEHOLDERS) + ")"));
            }
        }
        for (String w : RISK_WORDS) {
            if (value.contains(w)) {
                errors.add(new FieldError(field, "通知文に支援の理由を推測させる語は書けません: 「" + w + "」（封書は家族の誰でも開けます）",
                        "a letter must not hint at why the family is contacted: '" + w + "' (anyone in the house may open it)"));
            }
        }
        for (Indicator i : Indicator.values()) {
            if (value.contains(i.labelJa())) {
                errors.add(new FieldError(field, "通知文に評価の指標は書けません: 「" + i.labelJa() + "」", "a letter must not name an indicator: " + i.labelEn()));
            }
        }
    }

    /** Where the letter goes: the 世帯主's name, or the child's guardians when the registry names no head. */
    record Address(String postcode, String address, String addressee, String childName) {
    }

    Address addressOf(String personId) {
        record Member(String personId, String relation, String name, String postcode, String address, String building) {
        }
        List<Member> members = jdbc.sql("""
                select p.person_id, r.relation, r.name, r.postcode, r.address, r.building
                from identity_person_v p
                join identity_record_link_v k on k.run_id = p.run_id and k.person_id = p.person_id and k.source_code = 'juki'
                join extract_record r on r.current and r.source_code = 'juki' and r.record_id = k.record_id
                where p.person_id in (select person_id from identity_person_v where household_id = (select household_id from identity_person_v where person_id = :p)
                                      union select :p)
                order by p.person_id""")
                .param("p", personId)
                .query((rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        Member child = members.stream().filter(m -> m.personId().equals(personId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldError("address",
                        "住民基本台帳に住所がないため通知文を作れません", "no registry address for this child: a letter cannot be addressed"))));
        Member head = members.stream().filter(m -> "世帯主".equals(m.relation()) && !m.personId().equals(personId)).findFirst().orElse(null);
        String address = child.address() + (child.building() == null || child.building().isBlank() ? "" : "　" + child.building());
        String childName = spaced(child.name());
        return new Address(child.postcode() == null ? "" : child.postcode(), address,
                head != null ? spaced(head.name()) : childName + "さんの保護者", childName);
    }

    /** A name as a letter writes it: family and given name apart by one full-width space. */
    private static String spaced(String name) {
        return name.replace('\u3000', ' ').strip().replaceAll(" +", "\u3000");
    }

    /**
     * The letter for an outreach item assigned as 通知文送付: for its caseworker or a supervisor; audited
     * as LETTER_PRINTED with the child, and the item remembers the template version and when.
     */
    @Transactional
    public Printed print(Actor actor, long itemId, LocalDate date) {
        OutreachService.Item it = outreach.get(itemId);
        boolean supervisor = actor.supervises();
        List<FieldError> errors = new ArrayList<>();
        if (it.action() != OutreachAction.LETTER || !java.util.EnumSet.of(OutreachStatus.ASSIGNED, OutreachStatus.DONE).contains(it.status())) {
            errors.add(new FieldError("action", "通知文送付として割り当てられた項目ではありません", "this item is not assigned as a letter"));
        } else if (!supervisor && !actor.name().equals(it.assignee())) {
            // Not a mistake in a form but another caseworker's family: refused and audited like any access refusal.
            throw new jp.mimamori.server.access.Refused("担当者のみ印刷できます（outreach " + itemId + "）",
                    "only the assigned caseworker prints the letter (outreach " + itemId + ")");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Address a = addressOf(it.personId());
        Template t = current();
        Printed p = render(t, a, date);
        jdbc.sql("update outreach_item set letter_version = :v, letter_printed_at = now(), letter_printed_by = :u where id = :id")
                .param("v", t.version()).param("u", actor.name()).param("id", itemId).update();
        audit.record(actor.event(AuditAction.LETTER_PRINTED, "outreach:" + itemId, "template v" + t.version() + " (child " + it.personId() + ")"
                + (p.missingGlyphs() > 0 ? "; " + p.missingGlyphs() + " character(s) printed as 〓" : "")));
        return new Printed(p.pdf(), "letter-" + itemId + ".pdf", p.missingGlyphs());
    }

    /** The current template filled with a fictional family, for the supervisor checking a new wording. */
    public Printed sample() {
        return render(current(), new Address("999-0000", "〇〇市見守町一丁目2番3号", "見守　太郎", "見守　花子"), times.today());
    }

    private Printed render(Template t, Address a, LocalDate date) {
        LetterPdf pdf = LetterPdf.instance();
        int[] missing = {0};
        String day = JapaneseDates.format(date, DateNotation.WAREKI_KANJI);
        // The registry's data is printed as it is; only the template's own text has placeholders filled.
        java.util.function.UnaryOperator<String> data = s -> pdf.printable(s, missing);
        java.util.function.UnaryOperator<String> fill = s -> data.apply(s.replace("{宛名}", a.addressee()).replace("{こども氏名}", a.childName())
                .replace("{日付}", day).replace("{差出人}", t.sender()).replace("{連絡先}", t.contact()));
        byte[] bytes = pdf.render(new LetterPdf.Content(data.apply(a.postcode()), data.apply(a.address()), data.apply(a.addressee()), day,
                fill.apply(t.title()), fill.apply(t.body()), fill.apply(t.sender()), fill.apply(t.contact())));
        return new Printed(bytes, "letter-sample.pdf", missing[0]);
    }
}
