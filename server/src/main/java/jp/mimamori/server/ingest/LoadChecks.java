package jp.mimamori.server.ingest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.time.Times;

/**
 * Whether a new load looks like the source's current one. A file that loads cleanly can still be the
 * wrong file: a 20-row test extract sent as the registry of a later month once replaced 110,286 rows.
 * So a new load is held (確認待ち) for an administrator when, against the current load,
 * <ul>
 * <li>its month is earlier (an old file sent again would otherwise replace this month's),</li>
 * <li>its loaded rows differ by more than the bound (default ±20%),</li>
 * <li>its households (distinct 世帯番号, where the source has them) differ by more than the bound, or</li>
 * <li>its bad rows differ from what the current share of bad rows predicts for this file by more than
 *     the bound, and by more than {@link IngestService#MIN_BAD_ROWS_TO_REJECT} rows: a few bad rows
 *     either way are the noise of a small file, not a changed vendor format.</li>
 * </ul>
 * The first load of a source has nothing to be compared with and is never held.
 */
final class LoadChecks {

    /** One reason to hold, in both languages. */
    record Reason(String ja, String en) {
    }

    /** What is compared: the month, the rows stored, the households (null where the source has none), the bad rows and all rows read. */
    record Counts(YearMonth month, long rows, Long households, long bad, long total) {
        static Counts of(LoadReport r, Long households) {
            return new Counts(r.month(), r.rowsLoaded(), households, r.rowsRejected(), r.rowsTotal());
        }
    }

    private LoadChecks() {
    }

    static List<Reason> reasons(long currentId, Counts current, Counts candidate, double bound) {
        List<Reason> out = new ArrayList<>();
        int pct = (int) Math.round(bound * 100);
        if (candidate.month().isBefore(current.month())) {
            out.add(new Reason("対象月 " + Times.monthOf(candidate.month()) + "が現行の取込（" + Times.monthOf(current.month()) + "）より前です",
                    "its month " + candidate.month() + " is earlier than the current load's " + current.month()));
        }
        if (changed(current.rows(), candidate.rows(), bound)) {
            out.add(new Reason(String.format("行数が現行（取込番号 %d）の %,d 行から %,d 行へ %s（許容 ±%d%%）", currentId, current.rows(), candidate.rows(),
                    changeJa(current.rows(), candidate.rows()), pct),
                    String.format("rows went from %,d in the current load (%d) to %,d, %s (bound ±%d%%)", current.rows(), currentId, candidate.rows(),
                            changeEn(current.rows(), candidate.rows()), pct)));
        }
        if (current.households() != null && candidate.households() != null && changed(current.households(), candidate.households(), bound)) {
            out.add(new Reason(String.format("世帯数が現行の %,d 世帯から %,d 世帯へ %s（許容 ±%d%%）", current.households(), candidate.households(),
                    changeJa(current.households(), candidate.households()), pct),
                    String.format("households went from %,d in the current load to %,d, %s (bound ±%d%%)", current.households(), candidate.households(),
                            changeEn(current.households(), candidate.households()), pct)));
        }
        double share = current.total() == 0 ? 0 : current.bad() / (double) current.total();
        double expected = share * candidate.total();
        double apart = Math.abs(candidate.bad() - expected);
        if (apart > bound * expected && apart > IngestService.MIN_BAD_ROWS_TO_REJECT) {
            double now = candidate.total() == 0 ? 0 : candidate.bad() / (double) candidate.total();
            out.add(new Reason(String.format("不正な行の割合が現行の %.2f%% から %.2f%% に変わりました（不正 %,d 行。現行の割合なら約 %,d 行）",
                    share * 100, now * 100, candidate.bad(), Math.round(expected)),
                    String.format("the share of bad rows went from %.2f%% to %.2f%% (%,d bad rows where the current share gives about %,d)",
                            share * 100, now * 100, candidate.bad(), Math.round(expected))));
        }
        return out;
    }

    /** More than {@code bound} away from {@code before}, as a share of it; anything from nothing is a change. */
    static boolean changed(long before, long after, double bound) {
        if (before == 0) {
            return after != 0;
        }
        return Math.abs(after - before) / (double) before > bound;
    }

    private static String changeJa(long before, long after) {
        if (before == 0) {
            return "増加";
        }
        double p = (after - before) * 100.0 / before;
        return String.format("%.1f%% %s", Math.abs(p), p < 0 ? "減少" : "増加");
    }

    private static String changeEn(long before, long after) {
        if (before == 0) {
            return "up from none";
        }
        double p = (after - before) * 100.0 / before;
        return String.format("%s %.1f%%", p < 0 ? "down" : "up", Math.abs(p));
    }
}
