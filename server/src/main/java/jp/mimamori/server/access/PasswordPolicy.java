package jp.mimamori.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: at least 12 characters; not the user id, nor containing it; not one of the
 * passwords every attacker tries first; not mostly one character; and either three kinds of
 * character (lower case, upper case, digits, others — Japanese counts as "others") or a passphrase of
 * 16 characters or more. Length beats complexity (NIST SP 800-63B), hence the passphrase route.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    static final int PASSPHRASE_LENGTH = 16;

    private static final Set<String> COMMON = Set.of("password1234", "passwordpassword", "123456789012", "1234567890123", "qwertyuiopas",
            "qwertyuiop123", "abcdefghijkl", "abc123abc123", "password123!", "iloveyou1234", "letmein12345", "welcome12345",
            "adminadmin12", "administrator", "mimamori1234", "mimamori-password", "demo-password", "changeme1234", "p@ssw0rd1234",
            "passw0rd1234", "111111111111", "000000000000", "aaaaaaaaaaaa");

    private PasswordPolicy() {
    }

    /** Every rule the password breaks, as field errors on {@code field}; empty when it is acceptable. */
    public static List<FieldError> check(String field, String username, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(new FieldError(field, "パスワードは" + MIN_LENGTH + "文字以上にしてください", "password must have at least " + MIN_LENGTH + " characters"));
            return errors;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(field, "パスワードに利用者IDを含めないでください", "the password must not contain the user id"));
        }
        if (COMMON.contains(lower)) {
            errors.add(new FieldError(field, "よく使われるパスワードは使えません", "this password is too common"));
        }
        long distinct = password.codePoints().distinct().count();
        if (distinct * 3 < password.codePointCount(0, password.length())) {
            errors.add(new FieldError(field, "同じ文字の繰り返しが多すぎます", "too few different characters"));
        }
        int kinds = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) || c > 0x7f) ? 1 : 0);
        if (kinds < 3 && password.length() < PASSPHRASE_LENGTH) {
            errors.add(new FieldError(field, "英小文字・英大文字・数字・記号のうち3種類以上を使うか、" + PASSPHRASE_LENGTH + "文字以上にしてください",
                    "use three of lower case, upper case, digits and symbols, or at least " + PASSPHRASE_LENGTH + " characters"));
        }
        return errors;
    }
}
