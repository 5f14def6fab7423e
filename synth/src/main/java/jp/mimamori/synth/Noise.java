package jp.mimamori.synth;

/**
 * Documented rates of the imperfections the generator puts into extracts (docs/synthetic-city.md).
 * "Noise" stays valid input that linkage must see through; "corruption" makes a row invalid, and
 * every corrupted row is listed in truth/corruptions.csv.
 */
final class Noise {

    private Noise() {
    }

    /** A family registered in an old form (髙橋) is written in the standard form (高橋) by another system. */
    static final double STANDARD_FORM_ELSEWHERE = 0.5;
    /** A family registered in the standard form is written in a variant form by another system. */
    static final double VARIANT_FORM_ELSEWHERE = 0.04;
    /** One kana of the reading is mistyped (voicing mark added or dropped, small ッ lost). */
    static final double KANA_TYPO = 0.005;
    /** The optional reading field is left empty. */
    static final double KANA_MISSING = 0.01;
    /** ウ/オ after an o- or u-sound written as the long-vowel mark (ユウキ → ユーキ) in systems that allow it. */
    static final double LONG_VOWEL = 0.2;
    /** Old half-width systems that cannot store small kana write them large (ｷｮｳｺ → ｷﾖｳｺ). */
    static final double SMALL_KANA_LARGE = 0.5;
    /** Birth date keyed wrong: one day off, or day and month swapped. */
    static final double BIRTH_DATE_ERROR = 0.002;
    /** Building and room left out of the address (outside the registry). */
    static final double BUILDING_OMITTED = 0.4;
    /** A department still holds the address from before the family's last move within the city. */
    static final double STALE_ADDRESS = 0.3;
    /** The same person registered twice under two record numbers. */
    static final double DUPLICATE_RECORD = 0.001;
    /** Surname and given name written without a separator in the name field. */
    static final double NAME_WITHOUT_SPACE = 0.02;
    /** The 宛名番号 column of a 基幹系 extract left empty (keyed before the resident was matched, or never). */
    static final double SHARED_ID_MISSING = 0.03;
    /** The 宛名番号 keyed wrong: one digit changed, or two adjacent digits swapped. */
    static final double SHARED_ID_MISTYPED = 0.005;
    /** Another person's 宛名番号: a family member's (the head's for a dependant) or a neighbouring record's. */
    static final double SHARED_ID_WRONG = 0.001;
    /** Rows made invalid on purpose (impossible date, unknown code, missing required field). */
    static final double CORRUPT_ROW = 0.0005;
}
