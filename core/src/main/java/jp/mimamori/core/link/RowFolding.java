package jp.mimamori.core.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one source that say exactly the same thing about one person (a child's seven health-check
 * rows, a child's allowance rows) are one linkage record: the first such row stands for them all. The
 * server's {@code link}, its {@code export-extracts} and the reference run of a linkage extract fold
 * with this one rule, so they link the same records.
 *
 * @param records        the records, in the order of their first rows
 * @param representative for each row, the index of its record
 */
public record RowFolding(List<LinkRecord> records, int[] representative) {

    /** Folds rows (each a {@link LinkRecord} with the row's own record number). */
    public static RowFolding fold(List<LinkRecord> rows) {
        Map<String, Integer> folded = new HashMap<>();
        List<LinkRecord> records = new ArrayList<>();
        int[] representative = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            LinkRecord r = rows.get(i);
            String key = r.source() + "|" + r.name() + "|" + r.kana() + "|" + r.birth() + "|" + r.sex() + "|" + r.address() + "|" + r.postcode()
                    + "|" + r.sharedId() + "|" + (r.household() == null ? "" : r.household());
            Integer idx = folded.get(key);
            if (idx == null) {
                idx = records.size();
                folded.put(key, idx);
                records.add(r);
            }
            representative[i] = idx;
        }
        return new RowFolding(records, representative);
    }
}
