package jp.mimamori.core.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CSV reading failure means for the clerk who sent the file, in plain Japanese and English,
 * naming the row (行) where it happens. The CSV library's own message ("(startline 7) EOF reached before
 * encapsulated token finished") is read for its line number only and never shown: staff cannot act on it.
 */
final class CsvTrouble {

    private static final Pattern UNCLOSED = Pattern.compile("\\(startline ([\\d,]+)\\) EOF reached before encapsulated token finished");
    private static final Pattern AFTER_QUOTE = Pattern.compile("Invalid character between encapsulated token and delimiter at line: ([\\d,]+)");
    private static final Pattern ESCAPE = Pattern.compile("EOF while processing escape sequence");
    private static final Pattern SEQUENCE = Pattern.compile("\\(line ([\\d,]+)\\) invalid parse sequence");

    private CsvTrouble() {
    }

    /**
     * The problem for a failure while reading, where {@code nextLine} is the line after the last record read
     * (the best guess when the message names none).
     */
    static Problem of(Throwable failure, long nextLine) {
        String m = messages(failure);
        Matcher u = UNCLOSED.matcher(m);
        if (u.find()) {
            long line = number(u.group(1));
            return new Problem(line, "", "", line + "行目から始まる引用符（\"）が閉じられていません。値の中の引用符は \"\" と二つ重ねて書きます",
                    "the quote (\") opened on row " + line + " is never closed; a quote inside a value is written twice (\"\")");
        }
        Matcher q = AFTER_QUOTE.matcher(m);
        if (q.find()) {
            long line = number(q.group(1));
            return new Problem(line, "", "", line + "行目: 引用符（\"）で囲んだ値の閉じ引用符のすぐ後に、区切り文字でも改行でもない文字があります",
                    "row " + line + ": a quoted value's closing quote (\") is followed by something other than the delimiter or the line end");
        }
        if (ESCAPE.matcher(m).find()) {
            return new Problem(nextLine, "", "", "ファイルがエスケープ文字の直後で終わっています（ファイルが途中で切れている可能性があります）",
                    "the file ends right after an escape character (it may be cut short)");
        }
        Matcher s = SEQUENCE.matcher(m);
        long line = s.find() ? number(s.group(1)) : nextLine;
        return new Problem(line, "", "", line + "行目付近がCSVとして読めません（引用符や区切り文字の使い方が定義と違います）",
                "row " + line + " and around cannot be read as CSV (quotes or delimiters are not used as the definition says)");
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null && b.length() < 2000; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
