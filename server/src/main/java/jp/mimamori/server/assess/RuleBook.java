package jp.mimamori.server.assess;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.assess.Rule;
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
     * Files a new version of rule {@code code} (its first when the code is new), conditions in the stored
     * notation ({@code ABSENCE_90>=15;CHILDCARE<=0}). See {@link #save(Actor, RuleForm)}.
     */
    @SupervisorOnly
    @Transactional
    public int save(Actor actor, String code, String nameJa, String reasonJa, String minAge, String maxAge, String conditions, boolean active) {
        return save(actor, new RuleForm(code, nameJa, reasonJa, minAge, maxAge, List.of(), conditions == null ? "" : conditions, active));
    }

    /**
     * Files a new version of the rule as typed. Every field is checked and every problem is named once,
     * all together; nothing is stored unless all are right.
     */
    @SupervisorOnly
    @Transactional
    public int save(Actor actor, RuleForm form) {
        List<FieldError> errors = new ArrayList<>();
        String code = form.code();
        String nameJa = form.nameJa();
        String reasonJa = form.reasonJa();
        if (code == null || !code.strip().matches("[A-Z0-9_]{1,40}")) {
            errors.add(new FieldError("code", "コードは英大文字・数字・_ で40文字以内（例 LONG_ABSENCE）", "upper-case letters, digits and _ only, at most 40 (e.g. LONG_ABSENCE)"));
        }
        if (nameJa == null || nameJa.isBlank() || nameJa.strip().length() > 60) {
            errors.add(new FieldError("nameJa", "名称は1〜60文字", "the name must be 1 to 60 characters"));
        }
        if (reasonJa == null || reasonJa.isBlank() || reasonJa.strip().length() > 200) {
            errors.add(new FieldError("reasonJa", "理由（職員が読み上げる文）は1〜200文字", "the reason staff read aloud must be 1 to 200 characters"));
        }
        Scope scope = scope(form, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int from = scope.from();
        int to = scope.to();
        String parsed = scope.conditions();
        boolean active = form.active();
        String c = code.strip();
        List<Version> before = history(c);
        int next = before.isEmpty() ? 1 : before.get(0).version() + 1;
        jdbc.sql("""
                insert into assess_rule (code, version, name_ja, reason_ja, min_age, max_age, conditions, active, created_by)
                values (:c, :v, :n, :r, :lo, :hi, :cond, :a, :by)""")
                .param("c", c).param("v", next).param("n", nameJa.strip()).param("r", reasonJa.strip()).param("lo", from).param("hi", to)
                .param("cond", parsed).param("a", active).param("by", actor.name()).update();
        String now = describe(nameJa.strip(), from, to, parsed, active);
        audit.record(actor.event(AuditAction.RULE_CHANGED, "assess_rule:" + c + ":v" + next,
                before.isEmpty() ? "new: " + now : "v" + before.get(0).version() + " " + describe(before.get(0)) + " -> v" + next + " " + now));
        return next;
    }

    /** The ages and conditions of a typed rule: what decides whom it flags. Null with the problems added to {@code errors}. */
    private record Scope(int from, int to, String conditions) {
    }

    private static Scope scope(RuleForm form, List<FieldError> errors) {
        Integer from = age("minAge", "下限", form.minAge(), errors);
        Integer to = age("maxAge", "上限", form.maxAge(), errors);
        if (from != null && to != null && from > to) {
            errors.add(new FieldError("maxAge", "年齢の上限（" + to + "歳）が下限（" + from + "歳）より小さい", "the upper age (" + to + ") is below the lower age (" + from + ")"));
        }
        String parsed = form.conditionText(errors);
        return from == null || to == null || from > to || parsed == null ? null : new Scope(from, to, parsed);
    }

    /**
     * How many children of the latest assessment the typed rule would flag (今このルールに該当するこども), counted from
     * the indicators that assessment stored; nothing is saved. Empty when there is no assessment yet.
     */
    public record Preview(long matching, long children, java.time.LocalDate asOf, long runId) {
    }

    @SupervisorOnly
    @Transactional(readOnly = true)
    public java.util.Optional<Preview> preview(RuleForm form) {
        List<FieldError> errors = new ArrayList<>();
        Scope scope = scope(form, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        record Run(long id, java.time.LocalDate asOf, List<String> indicators) {
        }
        java.util.Optional<Run> run = jdbc.sql("select id, as_of, indicators from assess_run where finished_at is not null order by id desc limit 1")
                .query((rs, i) -> new Run(rs.getLong(1), rs.getObject(2, java.time.LocalDate.class),
                        List.of((String[]) rs.getArray(3).getArray()))).optional();
        if (run.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder sql = new StringBuilder("select count(*) filter (where age between :lo and :hi");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        int n = 0;
        for (Rule.Condition c : Rule.parse(scope.conditions())) {
            int at = run.get().indicators().indexOf(c.indicator().name());
            if (at < 0) {
                // An indicator the latest assessment did not compute (added since): no child can be shown to match it yet.
                sql.append(" and false");
                continue;
            }
            String op = switch (c.op()) {
                case AT_LEAST -> ">=";
                case AT_MOST -> "<=";
                case EQUALS -> "=";
            };
            // The array index is a position found above, never typed text; the value is a bound parameter.
            sql.append(" and vals[").append(at + 1).append("] ").append(op).append(" cast(:v").append(n).append(" as real)");
            params.put("v" + n++, c.value());
        }
        sql.append("), count(*) from child_indicator where run_id = :r");
        var q = jdbc.sql(sql.toString()).param("lo", scope.from()).param("hi", scope.to()).param("r", run.get().id());
        for (var e : params.entrySet()) {
            q = q.param(e.getKey(), e.getValue());
        }
        return java.util.Optional.of(q.query((rs, i) -> new Preview(rs.getLong(1), rs.getLong(2), run.get().asOf(), run.get().id())).single());
    }

    private static String describe(Version v) {
        return describe(v.nameJa(), v.minAge(), v.maxAge(), v.conditions(), v.active());
    }

    private static String describe(String name, int from, int to, String conditions, boolean active) {
        return name + " [" + from + "-" + to + "歳] " + conditions + (active ? "" : " (停止 / retired)");
    }

    private static Integer age(String field, String which, String value, List<FieldError> errors) {
        String v = value == null ? "" : jp.mimamori.core.text.JapaneseText.clean(value).strip();
        try {
            int a = Integer.parseInt(v);
            if (a >= 0 && a <= 17) {
                return a;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.add(new FieldError(field, "年齢の" + which + "は0〜17の整数: 「" + v + "」", "the " + (field.equals("minAge") ? "lower" : "upper")
                + " age must be a whole number from 0 to 17: '" + v + "'"));
        return null;
    }
}
