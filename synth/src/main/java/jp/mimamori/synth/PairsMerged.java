package jp.mimamori.synth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many pairs of different true persons (twins, namesakes) a linkage merged: a pair counts as
 * merged when some cluster holds a record of each. Pairs of which one person has no record cannot
 * be merged and are counted apart, so that a rate can be taken over the pairs that were at risk.
 *
 * @param pairs   pairs given
 * @param present pairs whose two persons both have at least one record
 * @param merged  pairs whose two persons share at least one cluster
 */
public record PairsMerged(int pairs, int present, int merged) {

    /** {@code clusterOf[i]} and {@code truePerson.get(i)} are record i's cluster and true person. */
    public static PairsMerged of(int[] clusterOf, List<String> truePerson, List<PersonPair> pairs) {
        return of(Arrays.stream(clusterOf).boxed().toList(), truePerson, pairs);
    }

    public static PairsMerged of(List<?> clusterOf, List<String> truePerson, List<PersonPair> pairs) {
        if (clusterOf.size() != truePerson.size()) {
            throw new IllegalArgumentException("one cluster and one true person per record: " + clusterOf.size() + " vs " + truePerson.size());
        }
        Map<String, Set<Object>> clustersOf = new HashMap<>();
        for (int i = 0; i < clusterOf.size(); i++) {
            clustersOf.computeIfAbsent(truePerson.get(i), k -> new HashSet<>(2)).add(clusterOf.get(i));
        }
        int present = 0;
        int merged = 0;
        for (PersonPair p : pairs) {
            Set<Object> a = clustersOf.get(p.personA());
            Set<Object> b = clustersOf.get(p.personB());
            if (a == null || b == null) {
                continue;
            }
            present++;
            merged += a.stream().anyMatch(b::contains) ? 1 : 0;
        }
        return new PairsMerged(pairs.size(), present, merged);
    }

    /** Merged pairs as a share of those present (0 when none is present). */
    public double rate() {
        return present == 0 ? 0 : merged / (double) present;
    }
}
