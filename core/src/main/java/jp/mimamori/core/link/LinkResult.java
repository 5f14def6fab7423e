package jp.mimamori.core.link;

import java.util.List;

/**
 * The outcome of one linkage run: a cluster (person) number per record, each record's match
 * probability (the best of its links; for a record left alone, the best of its comparisons, 0 if it
 * was compared with nothing), the pairs left for a person to decide, the model used, each blocking
 * pass's counts, and counts for the report.
 */
public record LinkResult(int[] clusterOf, double[] bestProbability, List<ScoredPair> review, Model model, long candidatePairs,
                         long matchedPairs, List<BlockingPass> passes, long refusedByConstraint) {
}
