package jp.mimamori.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The latent "needs support" status of a child and its causes. This is the generative model written
 * down in docs/synthetic-city.md; keep the two in step.
 */
final class NeedModel {

    static final double INTERCEPT = -4.1;

    enum Factor {
        ECONOMIC_HARDSHIP("経済的困窮", 1.4),
        LOW_INCOME("低所得", 0.5),
        SINGLE_PARENT("ひとり親", 0.9),
        YOUNG_PARENT("若年出産", 1.0),
        PUBLIC_ASSISTANCE("生活保護", 1.0),
        CHILD_DISABILITY("障害（子）", 0.9),
        PARENT_DISABILITY("障害（親）", 0.6),
        FREQUENT_MOVES("頻回転居", 0.8),
        ISOLATION("孤立", 1.1),
        MANY_YOUNG_CHILDREN("多子（乳幼児）", 0.5);

        final String label;
        final double weight;

        Factor(String label, double weight) {
            this.label = label;
            this.weight = weight;
        }
    }

    /** Weight of the child-level random effect (frailty ~ N(0,1)): circumstances no system records. */
    static final double FRAILTY_WEIGHT = 0.8;

    private final long seed;

    NeedModel(long seed) {
        this.seed = seed;
    }

    List<Factor> factors(Person child, LocalDate on) {
        Household h = child.household;
        List<Factor> f = new ArrayList<>(4);
        if (h.incomeBand == 1) {
            f.add(Factor.ECONOMIC_HARDSHIP);
        } else if (h.incomeBand == 2) {
            f.add(Factor.LOW_INCOME);
        }
        if (h.type.singleParent()) {
            f.add(Factor.SINGLE_PARENT);
        }
        if (child.motherAgeAtBirth >= 0 && child.motherAgeAtBirth < 20) {
            f.add(Factor.YOUNG_PARENT);
        }
        if (h.onAssistance(on)) {
            f.add(Factor.PUBLIC_ASSISTANCE);
        }
        if (child.disability != 0) {
            f.add(Factor.CHILD_DISABILITY);
        }
        int youngChildren = 0;
        boolean parentDisabled = false;
        for (Person m : h.members) {
            if (!m.isResident()) {
                continue;
            }
            int age = m.age(on);
            if (age < 6) {
                youngChildren++;
            }
            if (age >= 18 && m.disability != 0 && m.relation != Relation.FATHER && m.relation != Relation.MOTHER) {
                parentDisabled = true;
            }
        }
        if (parentDisabled) {
            f.add(Factor.PARENT_DISABILITY);
        }
        if (h.mover || h.movesSince(on.minusYears(2)) >= 2) {
            f.add(Factor.FREQUENT_MOVES);
        }
        if (h.isolated) {
            f.add(Factor.ISOLATION);
        }
        if (youngChildren >= 3) {
            f.add(Factor.MANY_YOUNG_CHILDREN);
        }
        return f;
    }

    double logit(Person child, List<Factor> factors) {
        double z = INTERCEPT + FRAILTY_WEIGHT * child.frailty;
        for (Factor f : factors) {
            z += f.weight;
        }
        return z;
    }

    /**
     * Needs support when the logit plus the child's own fixed logistic noise is positive: the noise
     * is fixed per child, so the status changes only when circumstances do.
     */
    boolean needs(Person child, LocalDate on) {
        double u = Stable.unit(seed, child.id, 17, 0);
        double noise = Math.log(u / (1 - u));
        return logit(child, factors(child, on)) + noise > 0;
    }
}
