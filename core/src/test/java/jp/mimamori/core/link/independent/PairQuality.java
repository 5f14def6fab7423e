package jp.mimamori.core.link.independent;

import java.util.HashMap;
import java.util.Map;

/** Pairwise precision and recall of a clustering against the true entity of every record. */
record PairQuality(long truePositive, long predicted, long actual) {

    static PairQuality of(int[] cluster, int[] truth) {
        Map<Long, Integer> both = new HashMap<>();
        Map<Integer, Integer> byCluster = new HashMap<>();
        Map<Integer, Integer> byTruth = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            both.merge(((long) cluster[i] << 32) | (truth[i] & 0xffffffffL), 1, Integer::sum);
            byCluster.merge(cluster[i], 1, Integer::sum);
            byTruth.merge(truth[i], 1, Integer::sum);
        }
        return new PairQuality(pairs(both), pairs(byCluster), pairs(byTruth));
    }

    private static long pairs(Map<?, Integer> counts) {
        long n = 0;
        for (int c : counts.values()) {
            n += (long) c * (c - 1) / 2;
        }
        return n;
    }

    double precision() {
        return predicted == 0 ? 1.0 : (double) truePositive / predicted;
    }

    double recall() {
        return actual == 0 ? 1.0 : (double) truePositive / actual;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format("precision %.4f, recall %.4f, F1 %.4f (%d true pairs found of %d, %d predicted)",
                precision(), recall(), f1(), truePositive, actual, predicted);
    }
}
