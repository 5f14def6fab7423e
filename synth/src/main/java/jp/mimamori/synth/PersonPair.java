package jp.mimamori.synth;

/** Two different true persons (truth ids P…) that an evaluation follows: twins, or namesakes. */
public record PersonPair(String personA, String personB) {
}
