package jp.mimamori.core.link;

/** How much one field moved a pair's match weight, in bits (log2 of the likelihood ratio). */
public record Contribution(Field field, int level, String levelJa, double bits) {
}
