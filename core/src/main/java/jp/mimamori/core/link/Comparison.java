package jp.mimamori.core.link;

import java.time.LocalDate;

/** Graded agreement of two records, field by field (see {@link Field} for the levels). */
final class Comparison {

    private Comparison() {
    }

    static final Field[] FIELDS = Field.values();

    static int patternCount() {
        int n = 1;
        for (Field f : FIELDS) {
            n *= f.levels();
        }
        return n;
    }

    /** All levels packed into one int (mixed radix in {@link Field} order). */
    static int pattern(Features a, Features b) {
        int p = 0;
        for (Field f : FIELDS) {
            p = p * f.levels() + level(f, a, b);
        }
        return p;
    }

    static int levelOf(int pattern, Field field) {
        int p = pattern;
        for (int i = FIELDS.length - 1; i >= 0; i--) {
            int l = p % FIELDS[i].levels();
            if (FIELDS[i] == field) {
                return l;
            }
            p /= FIELDS[i].levels();
        }
        throw new IllegalArgumentException();
    }

    static int level(Field f, Features a, Features b) {
        return switch (f) {
            case SURNAME -> name(a.surname, b.surname, a.surnameKana, b.surnameKana);
            case GIVEN -> name(a.given, b.given, a.givenKana, b.givenKana);
            case BIRTH -> birth(a.birth, b.birth);
            case SEX -> a.sex == 0 || b.sex == 0 ? 2 : a.sex == b.sex ? 0 : 1;
            case ADDRESS -> a.street == null || b.street == null ? 3 : a.street.equals(b.street) ? 0
                    : a.townChome != null && a.townChome.equals(b.townChome) ? 1 : 2;
        };
    }

    private static int name(String a, String b, String ka, String kb) {
        if (a == null || b == null) {
            return 3;
        }
        if (a.equals(b)) {
            return 0;
        }
        // Written differently but read the same (katakana vs roman foreign names, a kanji outside the
        // table), or the reading mistyped by one kana.
        return ka != null && kb != null && (ka.equals(kb) || withinOneEdit(ka, kb)) ? 1 : 2;
    }

    private static int birth(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return 3;
        }
        if (a.equals(b)) {
            return 0;
        }
        boolean swapped = a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth() && a.getDayOfMonth() == b.getMonthValue();
        long days = Math.abs(a.toEpochDay() - b.toEpochDay());
        return swapped || days == 1 ? 1 : 2;
    }

    /**
     * Levenshtein distance at most 1, counted in code points (a surrogate pair is one character).
     * Runs for many candidate pairs, so it walks the strings without copying them.
     */
    static boolean withinOneEdit(String a, String b) {
        int la = a.codePointCount(0, a.length());
        int lb = b.codePointCount(0, b.length());
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x == y) {
                i += Character.charCount(x);
                j += Character.charCount(y);
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (la > lb) {
                i += Character.charCount(x);
            } else if (lb > la) {
                j += Character.charCount(y);
            } else {
                i += Character.charCount(x);
                j += Character.charCount(y);
            }
        }
        return !edited || (i == a.length() && j == b.length());
    }
}
