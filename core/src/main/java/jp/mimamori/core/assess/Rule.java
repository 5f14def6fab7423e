package jp.mimamori.core.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff-written rule that flags a child with a stated reason, e.g. "age 4–5, 3歳児健診 missed and
 * no nursery or kindergarten: nobody may have seen this child". Rules are data (stored, versioned,
 * audited by the server); conditions are written {@code INDICATOR>=n;INDICATOR<=n;INDICATOR=n}.
 */
public record Rule(String code, int version, String nameJa, String reasonJa, int minAge, int maxAge, List<Condition> conditions) {

    public enum Op { AT_LEAST, AT_MOST, EQUALS }

    public record Condition(Indicator indicator, Op op, double value) {
        boolean holds(double v) {
            return switch (op) {
                case AT_LEAST -> v >= value;
                case AT_MOST -> v <= value;
                case EQUALS -> v == value;
            };
        }

        @Override
        public String toString() {
            return indicator.name() + (op == Op.AT_LEAST ? ">=" : op == Op.AT_MOST ? "<=" : "=") + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
        }
    }

    private static final Pattern CONDITION = Pattern.compile("^\\s*([A-Z_0-9]+)\\s*(>=|<=|=)\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");

    public boolean matches(IndicatorBuilder.Result r) {
        if (r.ageYears() < minAge || r.ageYears() > maxAge) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.holds(r.get(c.indicator()))) {
                return false;
            }
        }
        return true;
    }

    public String conditionText() {
        return String.join(";", conditions.stream().map(Condition::toString).toList());
    }

    /** Reads {@code HEALTH_CHECK_3Y_MISSED>=1;CHILDCARE<=0}; names the part it cannot read. */
    public static List<Condition> parse(String text) {
        List<Condition> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("条件がありません / a rule needs at least one condition");
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("条件を読めません: 「" + part.strip() + "」（例 ABSENCE_90>=15）/ cannot read condition '" + part.strip()
                        + "' (e.g. ABSENCE_90>=15)");
            }
            Indicator i;
            try {
                i = Indicator.valueOf(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("不明な指標です: " + m.group(1) + " / unknown indicator: " + m.group(1));
            }
            Op op = switch (m.group(2)) {
                case ">=" -> Op.AT_LEAST;
                case "<=" -> Op.AT_MOST;
                default -> Op.EQUALS;
            };
            out.add(new Condition(i, op, Double.parseDouble(m.group(3))));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("条件がありません / a rule needs at least one condition");
        }
        return out;
    }
}
