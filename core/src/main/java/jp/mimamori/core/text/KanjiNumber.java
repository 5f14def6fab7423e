package jp.mimamori.core.text;

import java.util.OptionalInt;

/**
 * 漢数字 (numbers written in kanji) as clerks type them in dates and addresses: positional
 * ({@code 二〇二四}, {@code 一〇}) and with units ({@code 二十一}, {@code 百二十三}, {@code 千九百八十五}),
 * 〇 and 零 as zero, 元 (the first year of an era) as 1. ASCII digits pass through, so a mixed run
 * such as {@code 1丁目} reads the same as {@code 一丁目}.
 */
public final class KanjiNumber {

    private static final String DIGITS = "〇一二三四五六七八九";

    private KanjiNumber() {
    }

    /** True for a character that can be part of a kanji number (digits, 十 百 千, 〇 零). */
    public static boolean isNumeral(int cp) {
        return DIGITS.indexOf(cp) >= 0 || cp == '零' || cp == '十' || cp == '百' || cp == '千' || cp == '拾' || cp == '壱' || cp == '弐' || cp == '参';
    }

    /** The value of a whole string of numerals, or empty when it holds anything else (or nothing). */
    public static OptionalInt parse(String s) {
        if (s == null || s.isEmpty()) {
            return OptionalInt.empty();
        }
        if ("元".equals(s)) {
            return OptionalInt.of(1);
        }
        boolean units = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '十' || c == '拾' || c == '百' || c == '千') {
                units = true;
            } else if (digit(c) < 0) {
                return OptionalInt.empty();
            }
        }
        if (!units) {
            // Positional: 二〇二四 = 2024, 一〇 = 10.
            long n = 0;
            for (int i = 0; i < s.length(); i++) {
                n = n * 10 + digit(s.charAt(i));
                if (n > Integer.MAX_VALUE) {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.of((int) n);
        }
        int total = 0;
        int pending = -1;
        int lastUnit = Integer.MAX_VALUE;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int unit = c == '十' || c == '拾' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : 0;
            if (unit == 0) {
                if (pending >= 0) {
                    return OptionalInt.empty(); // two digits in a row inside a unit number (二三十)
                }
                pending = digit(c);
            } else {
                if (unit >= lastUnit) {
                    return OptionalInt.empty(); // 十百, 百百
                }
                total += (pending < 0 ? 1 : pending) * unit;
                pending = -1;
                lastUnit = unit;
            }
        }
        return OptionalInt.of(total + Math.max(pending, 0));
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c == '零') {
            return 0;
        }
        if (c == '壱') {
            return 1;
        }
        if (c == '弐') {
            return 2;
        }
        if (c == '参') {
            return 3;
        }
        return DIGITS.indexOf(c);
    }
}
