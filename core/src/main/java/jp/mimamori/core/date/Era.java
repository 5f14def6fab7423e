package jp.mimamori.core.date;

import java.time.LocalDate;
import java.util.Optional;

/**
 * 元号 (Japanese era). Each era begins on the day its emperor acceded; the last day of an era and the
 * first day of the next are different eras, so 平成31年5月1日 and 令和元年4月30日 do not exist.
 */
public enum Era {
    MEIJI("明治", 'M', LocalDate.of(1868, 1, 25)),
    TAISHO("大正", 'T', LocalDate.of(1912, 7, 30)),
    SHOWA("昭和", 'S', LocalDate.of(1926, 12, 25)),
    HEISEI("平成", 'H', LocalDate.of(1989, 1, 8)),
    REIWA("令和", 'R', LocalDate.of(2019, 5, 1));

    private final String kanji;
    private final char letter;
    private final LocalDate firstDay;

    Era(String kanji, char letter, LocalDate firstDay) {
        this.kanji = kanji;
        this.letter = letter;
        this.firstDay = firstDay;
    }

    public String kanji() { return kanji; }

    public char letter() { return letter; }

    public LocalDate firstDay() { return firstDay; }

    /** The day after the era's last day, or empty for the current era. */
    public Optional<LocalDate> endExclusive() {
        int next = ordinal() + 1;
        return next < values().length ? Optional.of(values()[next].firstDay) : Optional.empty();
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay) && endExclusive().map(date::isBefore).orElse(true);
    }

    /** Gregorian year of this era's year {@code eraYear} (元年 = 1). */
    public int gregorianYear(int eraYear) {
        return firstDay.getYear() + eraYear - 1;
    }

    public int eraYear(LocalDate date) {
        return date.getYear() - firstDay.getYear() + 1;
    }

    public static Era of(LocalDate date) {
        Era[] all = values();
        for (int i = all.length - 1; i >= 0; i--) {
            if (!date.isBefore(all[i].firstDay)) {
                return all[i];
            }
        }
        throw new IllegalArgumentException("date before 明治 / before the Meiji era: " + date);
    }

    /** Accepts the kanji name (令和), the letter (R or r) or the common one-character abbreviations (令). */
    public static Optional<Era> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (Era e : values()) {
            if (t.equals(e.kanji) || t.equals(e.kanji.substring(0, 1))
                    || t.equalsIgnoreCase(String.valueOf(e.letter))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
