package jp.mimamori.server.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.mimamori.server.validation.FieldError;

/**
 * What a password must be: 12 to 256 characters; not the user id, nor containing it; not one of the
 * 10,000 most common leaked passwords (resources/passwords, see its NOTICE.md), nor made only of such
 * words, keyboard rows, sequences, repetitions and years; not mostly one character; and either three
 * kinds of character (lower case, upper case, digits, others — Japanese counts as "others") or a
 * passphrase of 16 characters or more. Length beats complexity (NIST SP 800-63B), hence the passphrase
 * route and the generous maximum (hashes are Argon2, which has no 72-byte limit like bcrypt's).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** Long enough for any passphrase; a bound so that a megabyte "password" is not hashed. */
    public static final int MAX_LENGTH = 256;
    static final int PASSPHRASE_LENGTH = 16;
    /** A password must keep at least this many characters that no pattern or common word explains. */
    static final int MIN_UNPREDICTABLE = 4;

    /** Words of the common-password list taken as building blocks; shorter ones turn up by chance in anything. */
    private static final int MIN_WORD = 4;
    private static final int MAX_WORD = 32;

    static final Set<String> COMMON = load();

    /**
     * Ours, besides the published list: the demo's password (it is in the README), the product's name, and
     * the top of every list in the lengths this policy allows, which a 10,000-entry list mostly lacks.
     */
    private static final Set<String> LOCAL = Set.of("password1234", "passwordpassword", "123456789012", "1234567890123", "qwertyuiopas",
            "qwertyuiop123", "abcdefghijkl", "abc123abc123", "password123!", "iloveyou1234", "letmein12345", "welcome12345",
            "adminadmin12", "administrator", "mimamori1234", "mimamori-password", "demo-password", "changeme1234", "p@ssw0rd1234",
            "passw0rd1234", "111111111111", "000000000000", "aaaaaaaaaaaa", "mimamori", "mimamori2026", "kodomo1234567");

    /** Rows of a Japanese/US keyboard as typed, unshifted and shifted (JIS and US agree on the letter rows). */
    private static final List<String> ROWS = List.of("1234567890-^\\", "1234567890-=", "qwertyuiop@[", "qwertyuiop[]\\", "asdfghjkl;:]",
            "asdfghjkl;'", "zxcvbnm,./\\", "!\"#$%&'()=~|", "!@#$%^&*()_+", "qwertyuiop`{", "qwertyuiop{}|", "asdfghjkl+*}", "asdfghjkl:\"",
            "zxcvbnm<>?_", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/", "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0");

    /** Substitutions people make in words (p@ssw0rd); 1 and | may stand for i or l. */
    private static final String LEET_FROM = "@4831!0$5729|+";
    private static final String LEET_TO_I = "aabeiiosstzgit";
    private static final String LEET_TO_L = "aabeliosstzglt";

    private PasswordPolicy() {
    }

    private static Set<String> load() {
        Set<String> s = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/passwords/common-passwords-10k.txt")) {
            if (in == null) {
                throw new IllegalStateException("passwords/common-passwords-10k.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    s.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(s);
    }

    /** Every rule the password breaks, as field errors on {@code field}; empty when it is acceptable. */
    public static List<FieldError> check(String field, String username, String password) {
        List<FieldError> errors = new ArrayList<>();
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            errors.add(new FieldError(field, "パスワードは" + MIN_LENGTH + "文字以上にしてください", "password must have at least " + MIN_LENGTH + " characters"));
            return errors;
        }
        if (length > MAX_LENGTH) {
            errors.add(new FieldError(field, "パスワードは" + MAX_LENGTH + "文字以内にしてください", "password must have at most " + MAX_LENGTH + " characters"));
            return errors;
        }
        // Full-width digits and letters are the same keys to a guesser: compare in NFKC, lower case.
        String folded = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && folded.contains(username.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(field, "パスワードに利用者IDを含めないでください", "the password must not contain the user id"));
        }
        if (common(folded)) {
            errors.add(new FieldError(field, "よく使われるパスワードです（流出パスワード上位1万件などの一覧にあります）",
                    "this password is too common: it is on the list of the 10,000 most common leaked passwords (or Mimamori's own)"));
        } else if (unpredictable(folded) < MIN_UNPREDICTABLE) {
            errors.add(new FieldError(field,
                    "よく使われる語・キーボードの並び（qwerty など）・連続（1234、abcd など）・繰り返し・西暦の組み合わせだけでできています。推測されにくい語を加えてください",
                    "the password is made only of common words, keyboard rows (qwerty…), sequences (1234, abcd…), repetitions and years: "
                            + "add something that is not easily guessed"));
        }
        long distinct = password.codePoints().distinct().count();
        if (distinct * 3 < length) {
            errors.add(new FieldError(field, "同じ文字の繰り返しが多すぎます", "too few different characters"));
        }
        int kinds = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) || c > 0x7f) ? 1 : 0);
        if (kinds < 3 && length < PASSPHRASE_LENGTH) {
            errors.add(new FieldError(field, "英小文字・英大文字・数字・記号のうち3種類以上を使うか、" + PASSPHRASE_LENGTH + "文字以上にしてください",
                    "use three of lower case, upper case, digits and symbols, or at least " + PASSPHRASE_LENGTH + " characters"));
        }
        return errors;
    }

    /** The password itself, or itself read without l33t substitutions, is on the list. */
    static boolean common(String folded) {
        return LOCAL.contains(folded) || COMMON.contains(folded) || COMMON.contains(unleet(folded, LEET_TO_I)) || COMMON.contains(unleet(folded, LEET_TO_L));
    }

    /**
     * How many characters of the password no guessing rule explains: the fewest left over when the
     * password is cut into common words (4+ letters, l33t read back), keyboard runs and sequences (3+),
     * years (1900–2099) and repetitions of what came just before, each explained piece costing nothing
     * and every other character one. Computed over every way of cutting (shortest path on the positions).
     */
    static int unpredictable(String folded) {
        int[] cps = folded.codePoints().toArray();
        int n = cps.length;
        int[] best = new int[n + 1];
        best[0] = 0;
        for (int i = 1; i <= n; i++) {
            best[i] = best[i - 1] + 1;
            for (int j = Math.max(0, i - MAX_WORD); j <= i - 2; j++) {
                if (best[j] < best[i] && explained(cps, j, i)) {
                    best[i] = best[j];
                }
            }
            // A single character repeating the one before it ("!!", "aaaa") is no extra guess either.
            if (i >= 2 && cps[i - 1] == cps[i - 2]) {
                best[i] = Math.min(best[i], best[i - 1]);
            }
        }
        return best[n];
    }

    /** Whether code points [from, to) form one predictable piece. */
    private static boolean explained(int[] cps, int from, int to) {
        int len = to - from;
        String piece = new String(cps, from, len);
        if (len >= 3 && (sequence(cps, from, to) || keyboard(piece))) {
            return true;
        }
        if (len == 4 && piece.matches("(19|20)\\d\\d")) {
            return true;
        }
        if (len >= MIN_WORD && (COMMON.contains(piece) || COMMON.contains(unleet(piece, LEET_TO_I)) || COMMON.contains(unleet(piece, LEET_TO_L)))) {
            return true;
        }
        // The same block again right before it ("abcabc", "2024!2024!").
        return from >= len && java.util.Arrays.equals(cps, from - len, from, cps, from, to);
    }

    /** Letters or digits stepping by one, up or down: abcd, 4321, 9012 is not (no wrap). */
    private static boolean sequence(int[] cps, int from, int to) {
        int step = cps[from + 1] - cps[from];
        if (step != 1 && step != -1) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!Character.isLetterOrDigit(cps[k]) || (k > from && cps[k] - cps[k - 1] != step)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keyboard(String piece) {
        String reversed = new StringBuilder(piece).reverse().toString();
        for (String row : ROWS) {
            if (row.contains(piece) || row.contains(reversed)) {
                return true;
            }
        }
        return false;
    }

    private static String unleet(String s, String to) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int k = LEET_FROM.indexOf(s.charAt(i));
            b.append(k >= 0 && k < to.length() ? to.charAt(k) : s.charAt(i));
        }
        return b.toString();
    }
}
