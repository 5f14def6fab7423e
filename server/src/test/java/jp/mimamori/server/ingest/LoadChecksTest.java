package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of {@link LoadChecks}: what a new load is compared with and where it starts to be held. */
class LoadChecksTest {

    static final YearMonth APRIL = YearMonth.of(2026, 4);
    static final LoadChecks.Counts CURRENT = new LoadChecks.Counts(APRIL, 110_286, 48_120L, 55, 110_341);

    static List<LoadChecks.Reason> against(LoadChecks.Counts candidate) {
        return LoadChecks.reasons(7, CURRENT, candidate, 0.20);
    }

    @Test
    void theNextMonthOfTheSameCityPasses() {
        assertThat(against(new LoadChecks.Counts(APRIL.plusMonths(1), 110_301, 48_133L, 57, 110_358))).isEmpty();
        assertThat(against(new LoadChecks.Counts(APRIL, 110_301, 48_133L, 57, 110_358))).as("a second file for the same month").isEmpty();
    }

    @Test
    void twentyRowsForALaterMonthAreHeldForTheirRowsAndHouseholds() {
        var reasons = against(new LoadChecks.Counts(APRIL.plusMonths(1), 20, 9L, 0, 20));
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0).ja()).contains("行数", "110,286 行から 20 行", "100.0% 減少", "±20%");
        assertThat(reasons.get(0).en()).contains("rows went from 110,286", "down 100.0%");
        assertThat(reasons.get(1).ja()).contains("世帯数", "48,120 世帯から 9 世帯");
    }

    @Test
    void rowsAndHouseholdsAreHeldJustBeyondTheBoundEitherWay() {
        long at = Math.round(110_286 * 1.20);
        assertThat(against(new LoadChecks.Counts(APRIL, at, 48_120L, 55, at + 55))).as("exactly +20%").isEmpty();
        assertThat(against(new LoadChecks.Counts(APRIL, at + 20, 48_120L, 66, at + 86))).extracting(LoadChecks.Reason::en)
                .singleElement().asString().contains("up 20.0");
        assertThat(against(new LoadChecks.Counts(APRIL, 88_000, 48_120L, 44, 88_044))).extracting(LoadChecks.Reason::ja)
                .singleElement().asString().contains("減少");
        assertThat(against(new LoadChecks.Counts(APRIL, 110_286, 60_000L, 55, 110_341))).extracting(LoadChecks.Reason::ja)
                .singleElement().asString().contains("世帯数");
        assertThat(against(new LoadChecks.Counts(APRIL, 110_286, null, 55, 110_341))).as("a source without households").isEmpty();
    }

    @Test
    void anEarlierMonthIsHeldWhateverItsCounts() {
        assertThat(against(new LoadChecks.Counts(APRIL.minusMonths(1), 110_286, 48_120L, 55, 110_341))).extracting(LoadChecks.Reason::ja)
                .singleElement().asString().contains("対象月 2026-03（令和8年3月）", "現行の取込（2026-04（令和8年4月））より前");
    }

    @Test
    void theShareOfBadRowsIsHeldWhenItMovesBeyondTheBoundAndBeyondTenRows() {
        // 55 bad rows in 110,341 (0.05%): 67 bad rows is +22% but only 12 rows apart, 80 is well beyond.
        assertThat(against(new LoadChecks.Counts(APRIL, 110_274, 48_120L, 67, 110_341))).extracting(LoadChecks.Reason::ja)
                .singleElement().asString().contains("不正な行の割合");
        assertThat(against(new LoadChecks.Counts(APRIL, 110_280, 48_120L, 61, 110_341))).as("+11%: within the bound").isEmpty();
        assertThat(against(new LoadChecks.Counts(APRIL, 110_331, 48_120L, 10, 110_341))).as("fewer bad rows is a change too")
                .extracting(LoadChecks.Reason::en).singleElement().asString().contains("share of bad rows went from 0.05% to 0.01%");
        // A small source: 1 bad row of 20 where there were none is noise, not a changed format.
        var small = new LoadChecks.Counts(APRIL, 20, 9L, 0, 20);
        assertThat(LoadChecks.reasons(3, small, new LoadChecks.Counts(APRIL, 19, 9L, 1, 20), 0.20)).isEmpty();
        assertThat(LoadChecks.reasons(3, small, new LoadChecks.Counts(APRIL, 20, 9L, 11, 31), 0.20)).extracting(LoadChecks.Reason::ja)
                .anySatisfy(r -> assertThat(r).contains("不正な行の割合"));
    }
}
