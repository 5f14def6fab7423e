package jp.mimamori.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The row rule of the statistics tables: small counts hidden, and one more when a lone hidden cell could be found by subtraction. */
class TrendsSuppressionTest {

    private final Trends trends = new Trends(null, null, 10, null, null);

    @Test
    void aLoneSmallCellTakesTheNextSmallestWithIt() {
        assertThat(trends.suppressRow(new int[] {12, 3, 40, 0})).containsExactly("＊", "＊", "40", "0");
    }

    @Test
    void twoSmallCellsAreHiddenAndTheRestShown() {
        assertThat(trends.suppressRow(new int[] {12, 3, 40, 9})).containsExactly("12", "＊", "40", "＊");
    }

    @Test
    void zerosAndLargeCountsAreShown() {
        assertThat(trends.suppressRow(new int[] {0, 10, 25})).containsExactly("0", "10", "25");
    }
}
