package jp.mimamori.core.date;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.text.KanjiNumber;

/**
 * Writes and reads dates in the notations municipal extracts use. Reading is strict: a date that
 * does not exist (2月30日, 平成31年5月1日, 令和元年4月30日) is an error, never silently shifted, because
 * a wrong birth date links a child to the wrong person. What is lenient is only the spelling: full
 * width, kanji numerals, lower-case era letters, spaces around separators, any of / . - between numbers.
 */
public final class JapaneseDates {

    private static final String ERA = "(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])";
    /** A month or day, or an era year, in digits or kanji numerals (四, 十, 三十一, 〇一). */
    private static final String NUM = "([0-9〇零一二三四五六七八九十]{1,3})";
    private static final String ERA_YEAR = "(元|[0-9〇零一二三四五六七八九十]{1,3})";
    private static final String SEP = "[/.\\-]";

    /** 令和6年4月1日, 令和六年四月一日, 令6年4月1日, S60年4月2日. */
    private static final Pattern ERA_YMD = Pattern.compile(ERA + ERA_YEAR + "年" + NUM + "月" + NUM + "日");
    /** R6.4.1, R6/4/1, R6-4-1, R06.04.01, 平成1.1.8, R元.5.1. */
    private static final Pattern ERA_SEPARATED = Pattern.compile(ERA + "(元|\\d{1,2})" + SEP + "(\\d{1,2})" + SEP + "(\\d{1,2})");
    /** 2024年4月1日, 二〇二四年四月一日, 千九百八十五年…: four digits or more in kanji, so never an era year. */
    private static final Pattern SEIREKI_YMD = Pattern.compile("(\\d{4}|[〇零一二三四五六七八九十百千]{4,6})年" + NUM + "月" + NUM + "日");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern DOT = Pattern.compile("(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    /** The value of an era-column date: 6/4/1, 6.4.1, 06-04-01, 元/5/1, 6年4月1日, 六年四月一日. */
    private static final Pattern ERA_VALUE = Pattern.compile("(元|\\d{1,2})" + SEP + "(\\d{1,2})" + SEP + "(\\d{1,2})");
    private static final Pattern ERA_VALUE_YMD = Pattern.compile(ERA_YEAR + "年" + NUM + "月" + NUM + "日");

    /** Spaces a clerk types around a separator or a unit, or after the era: 令和 6年 4月 1日, 2024 / 4 / 1. */
    private static final Pattern SPACE_AT_SEPARATOR = Pattern.compile("\\s*([/.\\-年月日])\\s*");
    private static final Pattern SPACE_AFTER_ERA = Pattern.compile("^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])\\s+");

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
     * Reads a date in any notation of {@link DateNotation} except {@link DateNotation#ERA_COLUMN}: one
     * that carries its era (令和6年4月1日, R6.4.1, S60年4月2日) or a four-digit year (2024-4-1, 2024/04/01,
     * 2024.4.1, 2024年4月1日, 20240401).
     */
    public static LocalDate parse(String text) {
        String t = clean(text);
        Matcher m;
        if ((m = ERA_YMD.matcher(t)).matches() || (m = ERA_SEPARATED.matcher(t)).matches()) {
            return ofEra(era(m.group(1)), number(m.group(2), text), number(m.group(3), text), number(m.group(4), text), text);
        }
        if ((m = SEIREKI_YMD.matcher(t)).matches() || (m = ISO.matcher(t)).matches() || (m = SLASH.matcher(t)).matches()
                || (m = DOT.matcher(t)).matches() || (m = COMPACT.matcher(t)).matches()) {
            return of(number(m.group(1), text), number(m.group(2), text), number(m.group(3), text), text);
        }
        if (t.isEmpty()) {
            throw new DateParseException(text, "日付が空です", "date is empty");
        }
        if (ERA_VALUE.matcher(t).matches() || ERA_VALUE_YMD.matcher(t).matches()) {
            throw new DateParseException(text, "元号がありません（この表記は元号列と組で読みます）",
                    "no era: a date written like this needs its era column");
        }
        throw new DateParseException(text, "日付として読めません", "not a recognised date notation");
    }

    /**
     * The notation a date is written in, or empty if it is none of the self-describing ones (the date
     * itself may still not exist). An era-column value such as {@code 6/4/1} is empty: see
     * {@link #isEraColumnValue}.
     */
    public static Optional<DateNotation> notationOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = clean(text);
        if (ERA_YMD.matcher(t).matches()) {
            return Optional.of(DateNotation.WAREKI_KANJI);
        }
        Matcher m = ERA_SEPARATED.matcher(t);
        if (m.matches()) {
            boolean padded = m.group(1).length() == 1 && m.group(1).charAt(0) < 0x80 && t.indexOf('/') < 0 && t.indexOf('-') < 0
                    && m.group(2).length() == 2 && m.group(3).length() == 2 && m.group(4).length() == 2;
            return Optional.of(padded ? DateNotation.WAREKI_LETTER_PADDED : DateNotation.WAREKI_LETTER);
        }
        if (ISO.matcher(t).matches()) {
            return Optional.of(DateNotation.ISO);
        }
        if (SLASH.matcher(t).matches() || DOT.matcher(t).matches() || SEIREKI_YMD.matcher(t).matches()) {
            return Optional.of(DateNotation.SLASH);
        }
        if (COMPACT.matcher(t).matches()) {
            return Optional.of(DateNotation.COMPACT);
        }
        return Optional.empty();
    }

    /** True for a value written as the date column of {@link DateNotation#ERA_COLUMN} (6/4/1, 元/5/1, 6年4月1日). */
    public static boolean isEraColumnValue(String text) {
        if (text == null) {
            return false;
        }
        String t = clean(text);
        return ERA_VALUE.matcher(t).matches() || ERA_VALUE_YMD.matcher(t).matches();
    }

    /**
     * Reads a date whose era is in a separate column ({@code 令和}, {@code 令} or {@code R}): 6/4/1, 6.4.1,
     * 06-04-01, 元/5/1, 6年4月1日. A value that carries its own era or year is read as it is, and
     * must lie in the era the column names.
     */
    public static LocalDate parse(String eraText, String value) {
        String e = eraText == null ? "" : clean(eraText);
        if (e.isEmpty()) {
            throw new DateParseException(eraText == null ? "" : eraText, "元号が空です", "the era is empty");
        }
        Era era = Era.parse(e).orElseThrow(
                () -> new DateParseException(eraText, "元号が不明です", "unknown era"));
        String t = clean(value);
        Matcher m;
        if ((m = ERA_VALUE.matcher(t)).matches() || (m = ERA_VALUE_YMD.matcher(t)).matches()) {
            return ofEra(era, number(m.group(1), value), number(m.group(2), value), number(m.group(3), value), value);
        }
        if (notationOf(value).isPresent()) {
            LocalDate d = parse(value);
            if (!era.contains(d)) {
                throw new DateParseException(value, "元号列（" + era.kanji() + "）と日付が一致しません",
                        "the date does not lie in the era of the era column (" + era.name() + ")");
            }
            return d;
        }
        throw new DateParseException(value, "和暦の日付として読めません", "not a Japanese-era date");
    }

    private static Era era(String token) {
        return Era.parse(token).orElseThrow();
    }

    private static LocalDate ofEra(Era era, int eraYear, int month, int day, String original) {
        if (eraYear < 1) {
            throw new DateParseException(original, "元号の年が不正です", "era year must be 1 or more");
        }
        LocalDate d = of(era.gregorianYear(eraYear), month, day, original);
        if (!era.contains(d)) {
            throw new DateParseException(original, era.kanji() + "の期間外の日付です",
                    "date lies outside the " + era.name().charAt(0) + era.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " era");
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
        // NFKC turns full-width digits and letters, ／ and ． into ASCII; 元, era kanji and kanji numerals are untouched.
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        // Excel and IMEs put other dashes where a hyphen was meant; none of them means anything else in a date.
        t = t.replace('‐', '-').replace('‑', '-').replace('‒', '-').replace('–', '-').replace('—', '-')
                .replace('―', '-').replace('−', '-').replace('ー', '-');
        t = t.toUpperCase(Locale.ROOT);
        t = SPACE_AT_SEPARATOR.matcher(t).replaceAll("$1");
        return SPACE_AFTER_ERA.matcher(t).replaceFirst("$1");
    }

    private static int number(String s, String original) {
        OptionalInt n = KanjiNumber.parse(s);
        if (n.isEmpty()) {
            throw new DateParseException(original, "数字として読めません", "not a number: " + s);
        }
        return n.getAsInt();
    }
}
