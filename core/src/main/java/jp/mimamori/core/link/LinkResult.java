package jp.mimamori.core.link;

import java.util.List;

/**
 * The outcome of one linkage run: a cluster (person) number per record, the pairs left for a person to
 * decide (between the thresholds), the estimated model, and counts for the report.
 */
public record LinkResult(int[] clusterOf, double[] bestProbability, List<ScoredPair> review, Model model, long candidatePairs, long matchedPairs) {
}
