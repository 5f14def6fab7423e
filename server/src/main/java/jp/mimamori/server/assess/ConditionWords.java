package jp.mimamori.server.assess;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.assess.Rule;
import org.springframework.stereotype.Component;

/**
 * A rule's conditions as staff read them (条件の読み方): "3歳児健診の未受診 あり かつ 保育所・幼稚園等の利用 なし",
 * "直近3か月の欠席日数 15日以上", never the stored identifiers ({@code HEALTH_CHECK_3Y_MISSED>=1}). A bean
 * so that templates call it as {@code @conditionWords.ja(...)}.
 */
@Component
public class ConditionWords {

    /** The conditions of the stored notation in Japanese, joined by かつ (all must hold); the text itself if it cannot be read. */
    public String ja(String conditions) {
        try {
            List<String> parts = new ArrayList<>();
            for (Rule.Condition c : Rule.parse(conditions)) {
                parts.add(ja(c));
            }
            return String.join(" かつ ", parts);
        } catch (IllegalArgumentException e) {
            return conditions;
        }
    }

    static String ja(Rule.Condition c) {
        Indicator i = c.indicator();
        if (i.unitJa().isEmpty()) {
            // A flag is 1 or 0: ">=1" and "=1" read "あり", "<=0" and "=0" read "なし"; anything else is spelled out.
            boolean yes = c.op() == Rule.Op.AT_LEAST && c.value() == 1 || c.op() == Rule.Op.EQUALS && c.value() == 1
                    || c.op() == Rule.Op.AT_LEAST && c.value() > 0 && c.value() < 1;
            boolean no = c.op() == Rule.Op.AT_MOST && c.value() == 0 || c.op() == Rule.Op.EQUALS && c.value() == 0;
            if (yes) {
                return i.labelJa() + " あり";
            }
            if (no) {
                return i.labelJa() + " なし";
            }
        }
        return i.labelJa() + " " + RuleForm.number(c.value()) + i.unitJa() + RuleForm.Op.of(c.op()).labelJa();
    }
}
