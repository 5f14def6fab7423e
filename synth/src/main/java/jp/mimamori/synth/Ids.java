package jp.mimamori.synth;

import jp.mimamori.core.source.SourceSystem;

/**
 * Identifiers. Truth ids (P…, H…) exist only in truth/. Each department numbers its own records, and
 * no two departments share a key, as in municipalities whose systems predate the national standard:
 * the record number is a bijective scramble of the person id, different per source.
 */
final class Ids {

    private static final long MOD = 1_000_000_000L;
    /** Odd and not a multiple of 5, so multiplication is a bijection modulo 10^9. */
    private static final long MULTIPLIER = 387_420_489L;
    /** Added to a person id to number the second, duplicate registration of the same person. */
    static final int DUPLICATE_OFFSET = 500_000_000;

    private Ids() {
    }

    static String person(int id) {
        return String.format("P%08d", id);
    }

    static String household(int id) {
        return String.format("H%08d", id);
    }

    /** A household number (世帯番号, ケース番号): its own scramble, so it reveals no member's record number. */
    static String householdRecord(SourceSystem s, int householdId) {
        long x = Math.floorMod(householdId * 999_999_937L + (s.ordinal() + 7) * 7_919L, 100_000_000L);
        return String.format("%08d", x);
    }

    static String record(SourceSystem s, long id) {
        long salt = (s.ordinal() + 1) * 104_729L;
        long x = Math.floorMod(id * MULTIPLIER + salt, MOD);
        return String.format("%09d", x);
    }
}
