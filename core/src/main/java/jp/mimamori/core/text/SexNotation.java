package jp.mimamori.core.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * 性別 as extracts and forms write it, read into the JIS X 0303 code every source is compared on:
 * "1" male, "2" female. Departments disagree on the spelling (1/2, 男/女, 男性/女性, M/F, full width,
 * quoted), and a sex that is not read is a comparison lost in 名寄せ, so every common spelling is read;
 * anything else (不明, 9, a typo) is null rather than a guess.
 */
public final class SexNotation {

    private SexNotation() {
    }

    /** "1" (male), "2" (female), or null when the value is empty or not a spelling of either. */
    public static String code(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        // Spreadsheets and hand-written CSV quote values ('Male', "F", 「男」); the quotes are never the sex.
        while (s.length() >= 2 && isQuote(s.charAt(0)) && isQuote(s.charAt(s.length() - 1))) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "1", "男", "男性", "男子", "m", "male" -> "1";
            case "2", "女", "女性", "女子", "f", "female" -> "2";
            default -> null;
        };
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '‘' || c == '’' || c == '“' || c == '”' || c == '「' || c == '」' || c == '`';
    }
}
