package jp.mimamori.server.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-cell suppression (少数セルの秘匿) that the table's own totals cannot undo. A count from 1 to k−1 is
 * hidden (primary); then, as long as any hidden cell or total could be worked out from what is shown —
 * the visible cells and the row and column totals shown beside them, by any sum or difference of those
 * lines, not only a row's lone ＊ — one more is hidden (complementary): the smallest shown non-zero cell of
 * the line that gives it away, or that line's total when nothing else is left in it. Whether a value can be
 * worked out is decided exactly: it can be when its unit vector lies in the span of the lines' equations.
 */
final class Suppression {

    /** A table after suppression: the values and which of them, and of the totals, are hidden. */
    record Masked(int[][] values, boolean[][] hidden, int[] rowTotal, boolean[] rowTotalHidden, int[] colTotal, boolean[] colTotalHidden) {

        String cell(int r, int c) {
            return hidden[r][c] ? Trends.HIDDEN : Integer.toString(values[r][c]);
        }

        String rowTotal(int r) {
            return rowTotalHidden[r] ? Trends.HIDDEN : Integer.toString(rowTotal[r]);
        }

        String colTotal(int c) {
            return colTotalHidden[c] ? Trends.HIDDEN : Integer.toString(colTotal[c]);
        }
    }

    private Suppression() {
    }

    /**
     * Suppresses {@code values} (non-negative counts) where each row's total is shown when {@code rowTotals}
     * and each column's when {@code colTotals}; a total is the exact sum of its line.
     */
    static Masked protect(int[][] values, boolean rowTotals, boolean colTotals, int k) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        boolean[][] hidden = new boolean[rows][cols];
        int[] rowTotal = new int[rows];
        int[] colTotal = new int[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                hidden[r][c] = small(values[r][c], k);
                rowTotal[r] += values[r][c];
                colTotal[c] += values[r][c];
            }
        }
        boolean[] rowTotalHidden = new boolean[rows];
        boolean[] colTotalHidden = new boolean[cols];
        for (int r = 0; r < rows; r++) {
            rowTotalHidden[r] = !rowTotals || small(rowTotal[r], k);
        }
        for (int c = 0; c < cols; c++) {
            colTotalHidden[c] = !colTotals || small(colTotal[c], k);
        }
        while (true) {
            int[] exposed = firstDerivable(hidden, rowTotalHidden, colTotalHidden, rowTotals, colTotals);
            if (exposed == null) {
                break;
            }
            // exposed = {row, -1} for a row total, {-1, col} for a column total, {row, col} for a cell: widen what it leaks through.
            int r = exposed[0];
            int c = exposed[1];
            boolean done = false;
            if (r >= 0 && rowTotals && !rowTotalHidden[r]) {
                done = hideSmallestInRow(values, hidden, r);
                if (!done) {
                    rowTotalHidden[r] = true;
                    done = true;
                }
            } else if (c >= 0 && colTotals && !colTotalHidden[c]) {
                done = hideSmallestInColumn(values, hidden, c);
                if (!done) {
                    colTotalHidden[c] = true;
                    done = true;
                }
            }
            if (!done) {
                // Leaked through the other direction's lines only: hide the smallest shown cell anywhere in its row or column.
                done = r >= 0 && hideSmallestInRow(values, hidden, r) || c >= 0 && hideSmallestInColumn(values, hidden, c);
            }
            if (!done) {
                // Nothing shown is left to hide beside it: hide every total (the cells alone then give nothing away).
                java.util.Arrays.fill(rowTotalHidden, true);
                java.util.Arrays.fill(colTotalHidden, true);
            }
        }
        return new Masked(values, hidden, rowTotal, rowTotalHidden, colTotal, colTotalHidden);
    }

    private static boolean small(int v, int k) {
        return v > 0 && v < k;
    }

    /** The smallest non-zero count first (a hidden 0 protects little: it is often guessed); a 0 only when nothing else is left. */
    private static boolean better(int v, int than) {
        return than == 0 ? v > 0 : v > 0 && v < than;
    }

    private static boolean hideSmallestInRow(int[][] values, boolean[][] hidden, int r) {
        int best = -1;
        for (int c = 0; c < values[r].length; c++) {
            if (!hidden[r][c] && (best < 0 || better(values[r][c], values[r][best]))) {
                best = c;
            }
        }
        if (best < 0) {
            return false;
        }
        hidden[r][best] = true;
        return true;
    }

    private static boolean hideSmallestInColumn(int[][] values, boolean[][] hidden, int c) {
        int best = -1;
        for (int r = 0; r < values.length; r++) {
            if (!hidden[r][c] && (best < 0 || better(values[r][c], values[best][c]))) {
                best = r;
            }
        }
        if (best < 0) {
            return false;
        }
        hidden[best][c] = true;
        return true;
    }

    /**
     * The first hidden cell or total whose value follows from what is shown, as {row, col} (a total: the other
     * index −1), or null when none does. Unknowns are the hidden cells and hidden totals; each shown-or-hidden
     * total gives one equation: its line's cells minus the total equal zero (shown values being constants).
     */
    static int[] firstDerivable(boolean[][] hidden, boolean[] rowTotalHidden, boolean[] colTotalHidden, boolean rowTotals, boolean colTotals) {
        int rows = hidden.length;
        int cols = rows == 0 ? 0 : hidden[0].length;
        List<int[]> unknowns = new ArrayList<>();
        int[][] index = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                index[r][c] = hidden[r][c] ? unknowns.size() : -1;
                if (hidden[r][c]) {
                    unknowns.add(new int[] {r, c});
                }
            }
        }
        int[] rowIndex = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowIndex[r] = rowTotals && rowTotalHidden[r] ? unknowns.size() : -1;
            if (rowIndex[r] >= 0) {
                unknowns.add(new int[] {r, -1});
            }
        }
        int[] colIndex = new int[cols];
        for (int c = 0; c < cols; c++) {
            colIndex[c] = colTotals && colTotalHidden[c] ? unknowns.size() : -1;
            if (colIndex[c] >= 0) {
                unknowns.add(new int[] {-1, c});
            }
        }
        if (unknowns.isEmpty()) {
            return null;
        }
        List<double[]> equations = new ArrayList<>();
        if (rowTotals) {
            for (int r = 0; r < rows; r++) {
                double[] e = new double[unknowns.size()];
                for (int c = 0; c < cols; c++) {
                    if (index[r][c] >= 0) {
                        e[index[r][c]] = 1;
                    }
                }
                if (rowIndex[r] >= 0) {
                    e[rowIndex[r]] = -1;
                }
                equations.add(e);
            }
        }
        if (colTotals) {
            for (int c = 0; c < cols; c++) {
                double[] e = new double[unknowns.size()];
                for (int r = 0; r < rows; r++) {
                    if (index[r][c] >= 0) {
                        e[index[r][c]] = 1;
                    }
                }
                if (colIndex[c] >= 0) {
                    e[colIndex[c]] = -1;
                }
                equations.add(e);
            }
        }
        double[][] basis = reduce(equations, unknowns.size());
        for (int u = 0; u < unknowns.size(); u++) {
            if (inSpan(basis, u)) {
                return unknowns.get(u);
            }
        }
        return null;
    }

    /** Reduced row echelon form of the equations (only the non-zero rows). */
    private static double[][] reduce(List<double[]> equations, int n) {
        double[][] m = equations.stream().map(double[]::clone).toArray(double[][]::new);
        int rank = 0;
        for (int col = 0; col < n && rank < m.length; col++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][col]) > 1e-9 && (pivot < 0 || Math.abs(m[r][col]) > Math.abs(m[pivot][col]))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] t = m[pivot];
            m[pivot] = m[rank];
            m[rank] = t;
            double p = m[rank][col];
            for (int j = 0; j < n; j++) {
                m[rank][j] /= p;
            }
            for (int r = 0; r < m.length; r++) {
                if (r != rank && Math.abs(m[r][col]) > 1e-12) {
                    double f = m[r][col];
                    for (int j = 0; j < n; j++) {
                        m[r][j] -= f * m[rank][j];
                    }
                }
            }
            rank++;
        }
        return java.util.Arrays.copyOf(m, rank);
    }

    /** Whether unit vector e_u lies in the span of the reduced rows: then unknown u is fixed by the equations. */
    private static boolean inSpan(double[][] basis, int u) {
        // In reduced form, e_u is in the span iff some row is exactly e_u (its pivot at u and zero elsewhere).
        for (double[] row : basis) {
            boolean unit = Math.abs(row[u] - 1) < 1e-9;
            for (int j = 0; unit && j < row.length; j++) {
                if (j != u && Math.abs(row[j]) > 1e-9) {
                    unit = false;
                }
            }
            if (unit) {
                return true;
            }
        }
        return false;
    }
}
