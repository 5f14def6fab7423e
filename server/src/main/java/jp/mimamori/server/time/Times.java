package jp.mimamori.server.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import org.springframework.stereotype.Component;

/**
 * Dates and times as staff read them, from the application's {@link Clock}: in the city's zone,
 * 西暦 with 和暦 beside it ({@code 2026-04-01 05:14（令和8年4月1日）}). Pages call it as {@code @times}.
 *
 * <p>Instants themselves (timestamptz columns, {@code now()} when a row records when something
 * happened) are the same in every zone and are stored as they are; what depends on the zone is the
 * calendar date and the wall-clock time, and both are computed here or with {@link #zone()} in SQL
 * ({@code at time zone :zone}), never with the database session's zone or {@code current_date}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    public Times(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    /** The zone's id for SQL: {@code (received_at at time zone :zone)::date}. */
    public String zoneId() {
        return clock.getZone().getId();
    }

    /** Today in the city, whatever the server's or the database's zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public YearMonth thisMonth() {
        return YearMonth.now(clock);
    }

    /** Now, with the city's offset (for values written to the database, which keeps the instant). */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    public Instant instant() {
        return clock.instant();
    }

    /** The calendar day of an instant in the city. */
    public LocalDate dayOf(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(zone()).toLocalDate();
    }

    /** {@code 2026-04-01 05:14（令和8年4月1日）}; empty for none. */
    public String dateTime(OffsetDateTime t) {
        if (t == null) {
            return "";
        }
        var local = t.atZoneSameInstant(zone());
        return MINUTES.format(local) + wareki(local.toLocalDate());
    }

    /** {@code 2026-04-01 05:14:09（令和8年4月1日）}: for the audit log and load reports, where the second matters. */
    public String dateTimeSeconds(OffsetDateTime t) {
        if (t == null) {
            return "";
        }
        var local = t.atZoneSameInstant(zone());
        return SECONDS.format(local) + wareki(local.toLocalDate());
    }

    /** The day of an instant in the city: {@code 2026-04-01（令和8年4月1日）}. */
    public String day(OffsetDateTime t) {
        return t == null ? "" : date(dayOf(t));
    }

    /** {@code 2026-04-01（令和8年4月1日）}; empty for none. */
    public String date(LocalDate d) {
        return d == null ? "" : d + wareki(d);
    }

    /** An ISO date kept as text (an extract's field) as {@link #date}; anything else as it is. */
    public String dateText(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return date(LocalDate.parse(iso.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** {@code 2026-04（令和8年4月）}; empty for none. */
    public String month(YearMonth m) {
        return monthOf(m);
    }

    /** {@link #month} for code that has no clock at hand (the month needs none). */
    public static String monthOf(YearMonth m) {
        if (m == null) {
            return "";
        }
        String w = wareki(m.atDay(1));
        // 令和8年4月1日 → 令和8年4月: the day of a month means nothing.
        return m + (w.isEmpty() ? "" : w.substring(0, w.lastIndexOf('月') + 1) + "）");
    }

    /** {@code （令和8年4月1日）}, or nothing for a day before 明治 (no 和暦 to give). */
    static String wareki(LocalDate d) {
        try {
            return "（" + JapaneseDates.format(d, DateNotation.WAREKI_KANJI) + "）";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
