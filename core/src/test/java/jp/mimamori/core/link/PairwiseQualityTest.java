package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pairwise precision and recall (名寄せの精度), counted by hand on five records. */
class PairwiseQualityTest {

    // Records 0..4: predicted persons 1,1,1,1,2; true persons x,x,y,y,y; sources A,A,B,B,B.
    static final List<Integer> PREDICTED = List.of(1, 1, 1, 1, 2);
    static final List<String> TRUTH = List.of("x", "x", "y", "y", "y");
    static final List<String> SOURCE = List.of("A", "A", "B", "B", "B");

    @Test
    void countsPairsFromClusterSizes() {
        PairwiseQuality q = PairwiseQuality.of(PREDICTED, TRUTH);
        // Predicted: one cluster of 4 (6 pairs); true: 2 + 3 (1 + 3 pairs); right: {0,1} and {2,3}.
        assertThat(q).isEqualTo(new PairwiseQuality(4, 6, 2));
        assertThat(q.precision()).isCloseTo(2 / 6.0, within(1e-12));
        assertThat(q.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(q.f1()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void nothingLinkedIsPerfectlyPreciseAndRecallsNothing() {
        PairwiseQuality q = PairwiseQuality.of(List.of(1, 2, 3), List.of("x", "x", "y"));
        assertThat(q.precision()).isEqualTo(1.0);
        assertThat(q.recall()).isEqualTo(0.0);
    }

    @Test
    void splitsThePairsBySourcePairAndTheyAddUp() {
        Map<String, PairwiseQuality> bySource = PairwiseQuality.bySourcePair(PREDICTED, TRUTH, SOURCE);
        assertThat(bySource).containsExactly(
                Map.entry("A~A", new PairwiseQuality(1, 1, 1)),
                Map.entry("A~B", new PairwiseQuality(0, 4, 0)),
                Map.entry("B~B", new PairwiseQuality(3, 1, 1)));
    }
}
