package jp.mimamori.server.assess;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.assess.Rule;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.access.FieldError;
import jp.mimamori.server.access.InvalidInputException;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff's flagging rules (判定ルール) as data: every change is a new version, the old ones stay so
 * that a flag always names the exact wording that raised it; retiring a rule is a version that is not
 * active. Centre roles read them; CENTER_SUPERVISOR and ADMIN change them; every change is audited with
 * what it was before.
 */
@Service
@CentreOnly
public class RuleBook {

    /** One version of a rule as stored. */
    public record Version(String code, int version, String nameJa, String reasonJa, int minAge, int maxAge, String conditions, boolean active,
                          String createdBy, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public RuleBook(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    private static Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(rs.getString("code"), rs.getInt("version"), rs.getString("name_ja"), rs.getString("reason_ja"), rs.getInt("min_age"),
                rs.getInt("max_age"), rs.getString("conditions"), rs.getBoolean("active"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    /** The latest version of every rule, active or retired. */
    public List<Version> latest() {
        return jdbc.sql("select distinct on (code) * from assess_rule order by code, version desc").query((rs, i) -> version(rs)).list();
    }

    /** Every version of one rule, newest first. */
    public List<Version> history(String code) {
        return jdbc.sql("select * from assess_rule where code = :c order by version desc").param("c", code).query((rs, i) -> version(rs)).list();
    }

    /** The rules the assessment applies: each rule's latest version, when that version is active. */
    public List<Rule> active() {
        return latest().stream().filter(Version::active)
                .map(v -> new Rule(v.code(), v.version(), v.nameJa(), v.reasonJa(), v.minAge(), v.maxAge(), Rule.parse(v.conditions()))).toList();
    }

    /**
     * Files a new version of rule {@code code} (its first when the code is new). Every field is checked
     * and all problems are named together; nothing is stored unless all are right.
     */
    @SupervisorOnly
    @Transactional
    public int save(String code, String nameJa, String reasonJa, String minAge, String maxAge, String conditions, boolean active) {
        List<FieldError> errors = new ArrayList<>();
        if (code == null || !code.strip().matches("[A-Z0-9_]{1,40}")) {
            errors.add(new FieldError("code", "英大文字・数字・_ で40文字以内（例 LONG_ABSENCE）", "upper-case letters, digits and _ only, at most 40 (e.g. LONG_ABSENCE)"));
        }
        if (nameJa == null || nameJa.isBlank() || nameJa.strip().length() > 60) {
            errors.add(new FieldError("nameJa", "名称は1〜60文字", "the name must be 1 to 60 characters"));
        }
        if (reasonJa == null || reasonJa.isBlank() || reasonJa.strip().length() > 200) {
            errors.add(new FieldError("reasonJa", "理由（職員が読み上げる文）は1〜200文字", "the reason staff read aloud must be 1 to 200 characters"));
        }
        Integer from = age("minAge", minAge, errors);
        Integer to = age("maxAge", maxAge, errors);
        if (from != null && to != null && from > to) {
            errors.add(new FieldError("maxAge", "年齢の上限が下限より小さい", "the upper age is below the lower age"));
        }
        String parsed = null;
        try {
            parsed = new Rule(code, 0, nameJa, reasonJa, 0, 17, Rule.parse(conditions)).conditionText();
        } catch (IllegalArgumentException e) {
            String[] m = e.getMessage().split(" / ", 2);
            errors.add(new FieldError("conditions", m[0], m.length > 1 ? m[1] : m[0]));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String c = code.strip();
        List<Version> before = history(c);
        int next = before.isEmpty() ? 1 : before.get(0).version() + 1;
        jdbc.sql("""
                insert into assess_rule (code, version, name_ja, reason_ja, min_age, max_age, conditions, active, created_by)
                values (:c, :v, :n, :r, :lo, :hi, :cond, :a, :by)""")
                .param("c", c).param("v", next).param("n", nameJa.strip()).param("r", reasonJa.strip()).param("lo", from).param("hi", to)
                .param("cond", parsed).param("a", active).param("by", CurrentActor.name()).update();
        String now = describe(nameJa.strip(), from, to, parsed, active);
        audit.record(CurrentActor.event(AuditAction.RULE_CHANGED, "assess_rule:" + c + ":v" + next,
                before.isEmpty() ? "new: " + now : "v" + before.get(0).version() + " " + describe(before.get(0)) + " -> v" + next + " " + now));
        return next;
    }

    private static String describe(Version v) {
        return describe(v.nameJa(), v.minAge(), v.maxAge(), v.conditions(), v.active());
    }

    private static String describe(String name, int from, int to, String conditions, boolean active) {
        return name + " [" + from + "-" + to + "歳] " + conditions + (active ? "" : " (停止 / retired)");
    }

    private static Integer age(String field, String value, List<FieldError> errors) {
        try {
            int a = Integer.parseInt(value == null ? "" : value.strip());
            if (a >= 0 && a <= 17) {
                return a;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.add(new FieldError(field, "年齢は0〜17の整数: " + value, "age must be a whole number from 0 to 17: " + value));
        return null;
    }
}
