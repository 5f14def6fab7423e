package jp.mimamori.server.assess;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.assess.Rule;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.validation.FieldError;

/**
 * A rule as typed on the rules page (判定ルールの入力): every field as text, so that a refused form comes
 * back exactly as it was sent, and the conditions as rows of indicator, comparison and value chosen by
 * their Japanese names. {@code text} is the stored notation ({@code ABSENCE_90>=15;CHILDCARE<=0}) when a
 * caller gives that instead of rows (the command line, older callers).
 */
public record RuleForm(String code, String nameJa, String reasonJa, String minAge, String maxAge, List<Row> rows, String text, boolean active) {

    /** Condition rows the form always offers, so that one can be added without JavaScript. */
    static final int MIN_ROWS = 4;

    /** One condition row: the indicator's name (enum), the comparison (GE 以上, LE 以下, EQ 等しい) and the value, as typed. */
    public record Row(String indicator, String op, String value) {
        boolean blank() {
            return isBlank(indicator) && isBlank(value);
        }
    }

    public enum Op {
        GE(">=", "以上", "at least"), LE("<=", "以下", "at most"), EQ("=", "と等しい", "equal to");

        private final String symbol;
        private final String labelJa;
        private final String labelEn;

        Op(String symbol, String labelJa, String labelEn) {
            this.symbol = symbol;
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }

        public String labelJa() {
            return labelJa;
        }

        public String labelEn() {
            return labelEn;
        }

        static Op of(Rule.Op op) {
            return switch (op) {
                case AT_LEAST -> GE;
                case AT_MOST -> LE;
                case EQUALS -> EQ;
            };
        }
    }

    public RuleForm {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    public static RuleForm blank() {
        return new RuleForm("", "", "", "0", "17", List.of(), null, true);
    }

    /** A stored version, for filing its next one. */
    public static RuleForm of(RuleBook.Version v) {
        List<Row> rows = new ArrayList<>();
        for (Rule.Condition c : Rule.parse(v.conditions())) {
            rows.add(new Row(c.indicator().name(), Op.of(c.op()).name(), number(c.value())));
        }
        return new RuleForm(v.code(), v.nameJa(), v.reasonJa(), Integer.toString(v.minAge()), Integer.toString(v.maxAge()), rows, null, v.active());
    }

    /** The rows to draw: those typed, then blank ones up to {@link #MIN_ROWS}, and always one blank more. */
    public List<Row> rowsToShow() {
        List<Row> out = new ArrayList<>(rows.stream().filter(r -> !r.blank()).toList());
        do {
            out.add(new Row("", "GE", ""));
        } while (out.size() < MIN_ROWS);
        return out;
    }

    /**
     * The conditions in the stored notation, or null with one error per row that is wrong (named by its row
     * number and the indicator's Japanese name), or one error when there is no condition at all.
     */
    String conditionText(List<FieldError> errors) {
        if (text != null) {
            try {
                return new Rule("X", 0, "", "", 0, 17, Rule.parse(text)).conditionText();
            } catch (IllegalArgumentException e) {
                String[] m = e.getMessage().split(" / ", 2);
                errors.add(new FieldError("conditions", m[0], m.length > 1 ? m[1] : m[0]));
                return null;
            }
        }
        List<String> parts = new ArrayList<>();
        int before = errors.size();
        int n = 0;
        for (Row r : rows) {
            n++;
            if (r.blank()) {
                continue;
            }
            Indicator i = indicator(r.indicator());
            if (i == null) {
                errors.add(new FieldError("cond" + n, "条件 " + n + ": 指標を選んでください", "condition " + n + ": choose an indicator"));
                continue;
            }
            Op op = op(r.op());
            if (op == null) {
                errors.add(new FieldError("cond" + n, "条件 " + n + "（" + i.labelJa() + "）: 比べ方を選んでください",
                        "condition " + n + " (" + i.labelEn() + "): choose how to compare"));
                continue;
            }
            String v = isBlank(r.value()) ? "" : JapaneseText.clean(r.value()).strip();
            if (!v.matches("-?\\d{1,6}(\\.\\d{1,3})?")) {
                errors.add(new FieldError("cond" + n, "条件 " + n + "（" + i.labelJa() + "）: 値は数で入力してください" + (v.isEmpty() ? "" : "（「" + v + "」）")
                        + (i.unitJa().isEmpty() ? "。有無の指標は 1（あり）か 0（なし）" : ""),
                        "condition " + n + " (" + i.labelEn() + "): the value must be a number" + (i.unitJa().isEmpty() ? "; 1 (yes) or 0 (no) for a flag" : "")));
                continue;
            }
            parts.add(i.name() + op.symbol + number(Double.parseDouble(v)));
        }
        if (errors.size() > before) {
            return null;
        }
        if (parts.isEmpty()) {
            errors.add(new FieldError("conditions", "条件を1つ以上選んでください", "a rule needs at least one condition"));
            return null;
        }
        return String.join(";", parts);
    }

    private static Indicator indicator(String name) {
        for (Indicator i : Indicator.values()) {
            if (i.name().equals(name == null ? "" : name.strip())) {
                return i;
            }
        }
        return null;
    }

    private static Op op(String name) {
        for (Op o : Op.values()) {
            if (o.name().equals(name == null ? "" : name.strip())) {
                return o;
            }
        }
        return null;
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
