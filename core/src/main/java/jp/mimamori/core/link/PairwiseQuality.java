package jp.mimamori.core.link;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a linkage against the ground truth: over all pairs of records,
 * "same predicted person" versus "same true person", counted from cluster sizes without listing pairs.
 */
public record PairwiseQuality(long truePairs, long predictedPairs, long correctPairs) {

    /** {@code predicted.get(i)} and {@code truth.get(i)} are record i's predicted and true person. */
    public static PairwiseQuality of(List<?> predicted, List<?> truth) {
        Map<Object, Long> byPredicted = new HashMap<>();
        Map<Object, Long> byTruth = new HashMap<>();
        Map<List<Object>, Long> byBoth = new HashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            byPredicted.merge(predicted.get(i), 1L, Long::sum);
            byTruth.merge(truth.get(i), 1L, Long::sum);
            byBoth.merge(List.of(predicted.get(i), truth.get(i)), 1L, Long::sum);
        }
        return new PairwiseQuality(pairs(byTruth), pairs(byPredicted), pairs(byBoth));
    }

    /**
     * The same figures restricted to pairs of one record from source A and one from source B (or two
     * from A when A = B), for every pair of sources present, keyed "A~B" with A ≤ B.
     */
    public static Map<String, PairwiseQuality> bySourcePair(List<?> predicted, List<?> truth, List<String> source) {
        Map<String, Map<Object, Map<String, Long>>> counts = new HashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            count(counts, "p", predicted.get(i), source.get(i));
            count(counts, "t", truth.get(i), source.get(i));
            count(counts, "b", List.of(predicted.get(i), truth.get(i)), source.get(i));
        }
        java.util.SortedSet<String> sources = new java.util.TreeSet<>(source);
        Map<String, PairwiseQuality> out = new java.util.TreeMap<>();
        for (String a : sources) {
            for (String b : sources.tailSet(a)) {
                out.put(a + "~" + b, new PairwiseQuality(cross(counts.get("t"), a, b), cross(counts.get("p"), a, b), cross(counts.get("b"), a, b)));
            }
        }
        return out;
    }

    private static void count(Map<String, Map<Object, Map<String, Long>>> counts, String kind, Object group, String source) {
        counts.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(group, k -> new HashMap<>()).merge(source, 1L, Long::sum);
    }

    private static long cross(Map<Object, Map<String, Long>> groups, String a, String b) {
        long n = 0;
        for (Map<String, Long> g : groups.values()) {
            long x = g.getOrDefault(a, 0L);
            n += a.equals(b) ? x * (x - 1) / 2 : x * g.getOrDefault(b, 0L);
        }
        return n;
    }

    private static long pairs(Map<?, Long> sizes) {
        return sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    public double precision() {
        return predictedPairs == 0 ? 1 : correctPairs / (double) predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1 : correctPairs / (double) truePairs;
    }

    public double f1() {
        return 2.0 * correctPairs / (predictedPairs + truePairs);
    }
}
