package jp.mimamori.core.date;

/**
 * The ways municipal systems write a date. 和暦 (Japanese-era) notations and 西暦 (Gregorian) ones;
 * {@link #ERA_COLUMN} is the era in a column of its own and {@code 6/4/1} in the date column.
 */
public enum DateNotation {
    /** 令和6年4月1日, 令和元年5月1日 */
    WAREKI_KANJI(true),
    /** R6.4.1 */
    WAREKI_LETTER(true),
    /** R06.04.01 */
    WAREKI_LETTER_PADDED(true),
    /** era column 令和 + 6/4/1 */
    ERA_COLUMN(true),
    /** 2024-04-01 */
    ISO(false),
    /** 2024/4/1 */
    SLASH(false),
    /** 20240401 */
    COMPACT(false);

    private final boolean wareki;

    DateNotation(boolean wareki) {
        this.wareki = wareki;
    }

    public boolean isWareki() {
        return wareki;
    }
}
