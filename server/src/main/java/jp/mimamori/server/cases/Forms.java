package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.server.validation.FieldError;

/** Reading form fields typed by staff: a field that does not parse is named in the error, never a 400 page. */
final class Forms {

    private Forms() {
    }

    /** A date in the browser's yyyy-mm-dd or any notation staff type (令和6年4月1日, R6.4.1, 2024/4/1); null when blank. */
    static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return JapaneseDates.parse(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "日付として読めません: " + value, "not a date: " + value));
            return null;
        }
    }

    static LocalDateTime dateTime(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            LocalDate d = date(field, value, errors);
            return d == null ? null : d.atStartOfDay();
        }
    }

    static <E extends Enum<E>> E choice(Class<E> type, String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "選択肢にない値です: " + value, "not one of the choices: " + value));
            return null;
        }
    }

    static long number(String field, String value, List<FieldError> errors) {
        try {
            return Long.parseLong(value.strip());
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "番号として読めません: " + value, "not a number: " + value));
            return -1;
        }
    }
}
