package jp.mimamori.core.extract;

/** What a column holds, which decides how it is checked and normalised. */
public enum FieldType {
    /** Free text: NFKC, trimmed, runs of spaces folded to one. */
    TEXT,
    /** A reading: as TEXT, then half-width and hiragana folded to full-width katakana. */
    KANA,
    /** A whole number. */
    INTEGER,
    /** Money in yen: digits, optional thousands separators and ¥/円. */
    AMOUNT,
    /** Yes/no, with the values the source uses for each. */
    FLAG,
    /** A value from the column's code table. */
    CODE,
    /** A date in one of the accepted notations. */
    DATE,
    /** The era (元号) column that goes with a DATE column written in the era-column notation. */
    ERA
}
