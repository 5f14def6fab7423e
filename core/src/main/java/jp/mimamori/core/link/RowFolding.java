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
            String key = key(r);
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

    /**
     * A source row as linkage sees it: the registry's 世帯番号 (household number) makes two of its records in
     * one household two people by construction, so only registry (juki) rows keep it. {@code sex} as
     * {@link LinkRecord#sex} gives it. The server's run and {@code spark link --jdbc} build rows with this.
     */
    public static LinkRecord row(String source, String recordId, String name, String kana, java.time.LocalDate birth, String sex,
                                 String address, String postcode, String sharedId, String householdNo) {
        return new LinkRecord(source, recordId, name, kana, birth, sex, address, postcode, sharedId, "juki".equals(source) ? householdNo : null);
    }

    /**
     * The fold key: two rows with the same key are one record. Public for a distributed fold (Spark's
     * {@code spark link --jdbc} groups rows by it and keeps the first), which must fold exactly as this does.
     */
    public static String key(LinkRecord r) {
        return r.source() + "|" + r.name() + "|" + r.kana() + "|" + r.birth() + "|" + r.sex() + "|" + r.address() + "|" + r.postcode()
                + "|" + r.sharedId() + "|" + (r.household() == null ? "" : r.household());
    }
}
