package jp.mimamori.core.link;

/** A person's decision about two records (by index in the run's input): the same person, or not. Later runs respect it. */
public record Decision(int a, int b, boolean same) {
}
