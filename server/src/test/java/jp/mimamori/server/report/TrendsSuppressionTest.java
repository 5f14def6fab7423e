package jp.mimamori.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Small-cell suppression: small counts hidden, and further cells or totals hidden until no hidden value can be
 * worked out from the visible cells and the totals shown beside them — checked here by exact arithmetic on
 * every table, independently of the production code's own check.
 */
class TrendsSuppressionTest {

    private final Trends trends = new Trends(null, null, 10, null, null, null);

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

    @Test
    void theIssuesRowNoLongerGivesItsHiddenCellsAway() {
        // 発達 41 = 21 + 19 + three small cells: with the total shown, the three ＊ summed to 1 and each was pinned down.
        Suppression.Masked m = Suppression.protect(new int[][] {{21, 19, 1, 0, 0, 0}}, true, false, 10);
        assertThat(derivable(m, true, false)).isEmpty();
        assertThat(m.hidden()[0][2]).isTrue();
    }

    @Test
    void aColumnWithItsTotalShownHidesASecondCellOrTheTotal() {
        Suppression.Masked m = Suppression.protect(new int[][] {{120, 40}, {3, 0}, {55, 18}, {0, 0}}, false, true, 10);
        assertThat(m.cell(1, 0)).isEqualTo(Trends.HIDDEN);
        assertThat(m.cell(0, 0) + m.cell(2, 0) + m.colTotal(0)).contains(Trends.HIDDEN);
        assertThat(derivable(m, false, true)).isEmpty();
    }

    @Test
    void noHiddenValueOfAnySuppressedTableCanBeWorkedOutFromWhatIsShown() {
        Random random = new Random(14);
        int checked = 0;
        for (int t = 0; t < 400; t++) {
            int rows = 1 + random.nextInt(7);
            int cols = 1 + random.nextInt(6);
            int[][] v = new int[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int kind = random.nextInt(4);
                    v[r][c] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(9) : 10 + random.nextInt(60);
                }
            }
            boolean rowTotals = random.nextBoolean();
            boolean colTotals = !rowTotals || random.nextBoolean();
            Suppression.Masked m = Suppression.protect(v, rowTotals, colTotals, 10);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (v[r][c] > 0 && v[r][c] < 10) {
                        assertThat(m.hidden()[r][c]).as("every small count is hidden").isTrue();
                    }
                }
            }
            assertThat(derivable(m, rowTotals, colTotals)).as("table %d", t).isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(400);
    }

    @Test
    void absenceRowsAppearOnlyWhereThereAreMonthsOfAttendanceToCompare() {
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.ABSENCE_30, 0)).isFalse();
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.ABSENCE_30, 1)).isTrue();
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.ABSENCE_90, 1)).as("one month: the 3-month row would copy the 1-month row").isFalse();
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.ABSENCE_TREND, 1)).as("one month: no month before to compare with").isFalse();
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.ABSENCE_TREND, 2)).isTrue();
        assertThat(Trends.compares(jp.mimamori.core.assess.Indicator.PUBLIC_ASSISTANCE, 0)).isTrue();
        assertThat(Trends.attendanceNote(1)).contains("1か月分だけ", "比べる月がなく");
        assertThat(Trends.attendanceNote(3)).isNull();
    }

    /**
     * The hidden values (cells and totals) fixed by the shown ones: each shown total is an equation over its line;
     * a hidden value is fixed when its unit vector is a rational combination of those equations. Exact fractions.
     */
    static List<String> derivable(Suppression.Masked m, boolean rowTotals, boolean colTotals) {
        int rows = m.values().length;
        int cols = rows == 0 ? 0 : m.values()[0].length;
        List<String> names = new ArrayList<>();
        int[][] at = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                at[r][c] = m.hidden()[r][c] ? names.size() : -1;
                if (m.hidden()[r][c]) {
                    names.add("cell " + r + "," + c);
                }
            }
        }
        int[] rt = new int[rows];
        for (int r = 0; r < rows; r++) {
            rt[r] = rowTotals && m.rowTotalHidden()[r] ? names.size() : -1;
            if (rt[r] >= 0) {
                names.add("row total " + r);
            }
        }
        int[] ct = new int[cols];
        for (int c = 0; c < cols; c++) {
            ct[c] = colTotals && m.colTotalHidden()[c] ? names.size() : -1;
            if (ct[c] >= 0) {
                names.add("column total " + c);
            }
        }
        List<BigInteger[]> eq = new ArrayList<>();
        for (int r = 0; rowTotals && r < rows; r++) {
            BigInteger[] e = zeros(names.size());
            for (int c = 0; c < cols; c++) {
                if (at[r][c] >= 0) {
                    e[at[r][c]] = BigInteger.ONE;
                }
            }
            if (rt[r] >= 0) {
                e[rt[r]] = BigInteger.ONE.negate();
            }
            eq.add(e);
        }
        for (int c = 0; colTotals && c < cols; c++) {
            BigInteger[] e = zeros(names.size());
            for (int r = 0; r < rows; r++) {
                if (at[r][c] >= 0) {
                    e[at[r][c]] = BigInteger.ONE;
                }
            }
            if (ct[c] >= 0) {
                e[ct[c]] = BigInteger.ONE.negate();
            }
            eq.add(e);
        }
        int rank = rank(eq, names.size());
        List<String> out = new ArrayList<>();
        for (int u = 0; u < names.size(); u++) {
            List<BigInteger[]> with = new ArrayList<>(eq);
            BigInteger[] unit = zeros(names.size());
            unit[u] = BigInteger.ONE;
            with.add(unit);
            if (rank(with, names.size()) == rank) {
                out.add(names.get(u));
            }
        }
        return out;
    }

    private static BigInteger[] zeros(int n) {
        BigInteger[] e = new BigInteger[n];
        java.util.Arrays.fill(e, BigInteger.ZERO);
        return e;
    }

    /** Rank by fraction-free elimination (Bareiss-style cross multiplication, exact). */
    private static int rank(List<BigInteger[]> equations, int n) {
        List<BigInteger[]> m = new ArrayList<>();
        equations.forEach(e -> m.add(e.clone()));
        int rank = 0;
        for (int col = 0; col < n && rank < m.size(); col++) {
            int pivot = -1;
            for (int r = rank; r < m.size(); r++) {
                if (m.get(r)[col].signum() != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            java.util.Collections.swap(m, rank, pivot);
            BigInteger[] p = m.get(rank);
            for (int r = 0; r < m.size(); r++) {
                if (r != rank && m.get(r)[col].signum() != 0) {
                    BigInteger[] row = m.get(r);
                    BigInteger f = row[col];
                    for (int j = 0; j < n; j++) {
                        row[j] = row[j].multiply(p[col]).subtract(p[j].multiply(f));
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
