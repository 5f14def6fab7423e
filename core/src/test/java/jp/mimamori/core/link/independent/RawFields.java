package jp.mimamori.core.link.independent;

import java.lang.reflect.Method;
import java.time.LocalDate;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.link.LinkRecord;

/**
 * Reads the raw fields of a clerk's record with the core parsers only: birth dates with
 * {@link JapaneseDates}, sex with {@code jp.mimamori.core.text.SexNotation.code} where it exists (it is
 * being written; looked up reflectively so that these tests compile before it lands), otherwise
 * {@link LinkRecord#sex}.
 */
final class RawFields {

    private static final Method SEX_NOTATION = sexNotation();

    private RawFields() {
    }

    /** The birth date, or an exception naming the text that did not parse. */
    static LocalDate birth(String raw, String era) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return era == null || era.isBlank() ? JapaneseDates.parse(raw) : JapaneseDates.parse(era, raw);
    }

    static String sex(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (SEX_NOTATION != null) {
            try {
                return (String) SEX_NOTATION.invoke(null, raw);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return LinkRecord.sex(raw);
    }

    static boolean sexNotationPresent() {
        return SEX_NOTATION != null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Method sexNotation() {
        try {
            return Class.forName("jp.mimamori.core.text.SexNotation").getMethod("code", String.class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
