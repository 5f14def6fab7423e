package jp.mimamori.core.date;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads dates in the notations municipal extracts use. Reading is strict: a date that
 * does not exist (2月30日, 平成31年5月1日, 令和元年4月30日) is an error, never silently shifted, because
 * a wrong birth date links a child to the wrong person.
 */
public final class JapaneseDates {

    private static final Pattern KANJI = Pattern.compile("(明治|大正|昭和|平成|令和)(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern LETTER = Pattern.compile("([MTSHRmtshr])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{1,2})");
    private static final Pattern ERA_VALUE = Pattern.compile("(元|\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{1,2})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private JapaneseDates() {
    }

    public static String format(LocalDate date, DateNotation notation) {
        return switch (notation) {
            case WAREKI_KANJI -> {
                Era era = Era.of(date);
                int y = era.eraYear(date);
                yield era.kanji() + (y == 1 ? "元" : Integer.toString(y)) + "年" + date.getMonthValue() + "月"
                        + date.getDayOfMonth() + "日";
            }
            case WAREKI_LETTER -> {
                Era era = Era.of(date);
                yield era.letter() + "" + era.eraYear(date) + "." + date.getMonthValue() + "." + date.getDayOfMonth();
            }
            case WAREKI_LETTER_PADDED -> {
                Era era = Era.of(date);
                yield String.format("%c%02d.%02d.%02d", era.letter(), era.eraYear(date), date.getMonthValue(),
                        date.getDayOfMonth());
            }
            case ERA_COLUMN -> {
                Era era = Era.of(date);
                yield era.eraYear(date) + "/" + date.getMonthValue() + "/" + date.getDayOfMonth();
            }
            case ISO -> date.toString();
            case SLASH -> date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth();
            case COMPACT -> String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        };
    }

    /** The era column value that goes with {@link DateNotation#ERA_COLUMN}. */
    public static String eraColumn(LocalDate date) {
        return Era.of(date).kanji();
    }

    /**
     * Reads a date in any notation of {@link DateNotation} except {@link DateNotation#ERA_COLUMN}.
     * Full-width digits and punctuation are accepted.
     */
    public static LocalDate parse(String text) {
        String t = clean(text);
        Matcher m;
        if ((m = KANJI.matcher(t)).matches()) {
            return ofEra(Era.parse(m.group(1)).orElseThrow(), eraYear(m.group(2)), num(m.group(3)), num(m.group(4)), text);
        }
        if ((m = LETTER.matcher(t)).matches()) {
            return ofEra(Era.parse(m.group(1)).orElseThrow(), num(m.group(2)), num(m.group(3)), num(m.group(4)), text);
        }
        if ((m = ISO.matcher(t)).matches() || (m = SLASH.matcher(t)).matches() || (m = COMPACT.matcher(t)).matches()) {
            return of(num(m.group(1)), num(m.group(2)), num(m.group(3)), text);
        }
        throw new DateParseException(text, "日付として読めません", "not a recognised date notation");
    }

    /** The notation a date is written in, or empty if it is none of them (the date itself may still not exist). */
    public static java.util.Optional<DateNotation> notationOf(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String t = clean(text);
        if (KANJI.matcher(t).matches()) {
            return java.util.Optional.of(DateNotation.WAREKI_KANJI);
        }
        Matcher m = LETTER.matcher(t);
        if (m.matches()) {
            boolean padded = m.group(2).length() == 2 && m.group(3).length() == 2 && m.group(4).length() == 2;
            return java.util.Optional.of(padded ? DateNotation.WAREKI_LETTER_PADDED : DateNotation.WAREKI_LETTER);
        }
        if (ISO.matcher(t).matches()) {
            return java.util.Optional.of(DateNotation.ISO);
        }
        if (SLASH.matcher(t).matches()) {
            return java.util.Optional.of(DateNotation.SLASH);
        }
        if (COMPACT.matcher(t).matches()) {
            return java.util.Optional.of(DateNotation.COMPACT);
        }
        return java.util.Optional.empty();
    }

    /** Reads a date written as {@code 6/4/1} with its era in a separate column. */
    public static LocalDate parse(String eraText, String value) {
        Era era = Era.parse(clean(eraText)).orElseThrow(
                () -> new DateParseException(eraText, "元号が不明です", "unknown era"));
        Matcher m = ERA_VALUE.matcher(clean(value));
        if (!m.matches()) {
            throw new DateParseException(value, "和暦の日付として読めません", "not a Japanese-era date");
        }
        return ofEra(era, eraYear(m.group(1)), num(m.group(2)), num(m.group(3)), value);
    }

    private static LocalDate ofEra(Era era, int eraYear, int month, int day, String original) {
        if (eraYear < 1) {
            throw new DateParseException(original, "元号の年が不正です", "era year must be 1 or more");
        }
        LocalDate d = of(era.gregorianYear(eraYear), month, day, original);
        if (!era.contains(d)) {
            throw new DateParseException(original, era.kanji() + "の期間外の日付です",
                    "date lies outside the " + era.name() + " era");
        }
        return d;
    }

    private static LocalDate of(int y, int m, int d, String original) {
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            throw new DateParseException(original, "存在しない日付です", "no such date");
        }
    }

    private static String clean(String text) {
        if (text == null) {
            throw new DateParseException("", "日付が空です", "date is empty");
        }
        // NFKC turns full-width digits, ／ and ． into ASCII; 元 and era kanji are untouched.
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static int eraYear(String s) {
        return "元".equals(s) ? 1 : num(s);
    }

    private static int num(String s) {
        return Integer.parseInt(s);
    }
}
