package jp.mimamori.core.link;

import java.util.List;

/** A compared pair with its match probability and why: each field's contribution. */
public record ScoredPair(int a, int b, double weight, double probability, List<Contribution> contributions) {
}
