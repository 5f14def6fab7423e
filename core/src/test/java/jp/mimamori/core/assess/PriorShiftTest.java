package jp.mimamori.core.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prior-shift calibration: the mean becomes the given prior and the order of the children is kept. */
class PriorShiftTest {

    @Test
    void theMeanBecomesThePriorAndTheOrderIsKept() {
        Random rnd = new Random(7);
        double[] p = new double[5_000];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(1, rnd.nextDouble() * rnd.nextDouble() * 1.6); // some at exactly 1, as the capped Elkan–Noto score is
        }
        for (double prior : new double[] {0.02, 0.11, 0.5}) {
            double[] q = PuModel.shiftToPrior(p, prior);
            assertThat(Arrays.stream(q).average().orElseThrow()).isCloseTo(prior, within(1e-6));
            for (int i = 1; i < p.length; i++) {
                if (p[i] < p[i - 1]) {
                    assertThat(q[i]).isLessThanOrEqualTo(q[i - 1]);
                } else if (p[i] > p[i - 1]) {
                    assertThat(q[i]).isGreaterThanOrEqualTo(q[i - 1]);
                }
            }
            assertThat(Arrays.stream(q).allMatch(v -> v > 0 && v < 1)).isTrue();
        }
    }

    @Test
    void aPriorBelowTheEstimateLowersEveryScore() {
        double[] p = {0.9, 0.5, 0.4, 0.3};
        double[] q = PuModel.shiftToPrior(p, 0.1);
        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).isLessThan(p[i]);
        }
    }
}
