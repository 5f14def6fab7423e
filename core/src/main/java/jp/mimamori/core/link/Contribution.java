package jp.mimamori.core.link;

/**
 * How much one field (or one of the engine's rules, where {@code field} is null) moved a pair's match
 * weight, in bits (log2 of the likelihood ratio): one bar of the waterfall a reviewer reads.
 */
public record Contribution(Field field, String labelJa, int level, String levelJa, double bits) {

    public Contribution(Field field, int level, double bits) {
        this(field, field.labelJa(), level, field.levelJa(level), bits);
    }

    /** A rule's adjustment (twins, namesakes), not a field's level. */
    public static Contribution rule(String labelJa, String detailJa, double bits) {
        return new Contribution(null, labelJa, -1, detailJa, bits);
    }

    /** The field's enum name, or RULE for a rule: the key stored with a review pair. */
    public String key() {
        return field == null ? "RULE" : field.name();
    }
}
