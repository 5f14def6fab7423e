package jp.mimamori.core.date;

/**
 * The ways municipal systems write a date. 和暦 (Japanese-era) notations and 西暦 (Gregorian) ones;
 * {@link #ERA_COLUMN} is the era in a column of its own and {@code 6/4/1} in the date column. Every
 * notation but {@link #ERA_COLUMN} carries its era or a four-digit year and so reads on its own.
 */
public enum DateNotation {
    /** 令和6年4月1日, 令和元年5月1日, 令和六年四月一日, 令6年4月1日, S60年4月2日: an era and 年月日 */
    WAREKI_KANJI(true),
    /** R6.4.1, R6/4/1, R6-4-1, 平成1.1.8: an era and numbers between separators */
    WAREKI_LETTER(true),
    /** R06.04.01 */
    WAREKI_LETTER_PADDED(true),
    /** era column 令和 + 6/4/1, 6.4.1, 06-04-01, 元/5/1 or 6年4月1日 */
    ERA_COLUMN(true),
    /** 2024-04-01, 2024-4-1 */
    ISO(false),
    /**
     * 2024/4/1, 2024/04/01, and the other ways a person writes a four-digit year: 2024.4.1, 2024年4月1日,
     * 二〇二四年四月一日. They share this constant rather than having their own because other modules
     * switch over every notation to write one; {@link JapaneseDates#format} writes 2024/4/1.
     */
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

    /** False only for {@link #ERA_COLUMN}, whose value means nothing without the era beside it. */
    public boolean selfDescribing() {
        return this != ERA_COLUMN;
    }
}
