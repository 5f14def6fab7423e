package jp.mimamori.core.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV file Mimamori writes for a person to open goes through here, so that a cell cannot be
 * read by a spreadsheet as a formula (CSV injection, OWASP "CSV Injection"): problems of a load,
 * the audit export, export-links, export-scores, the de-identified export and dedupe's output.
 *
 * <p>The rule, as OWASP states it: a text cell that begins with {@code =}, {@code +}, {@code -},
 * {@code @}, TAB or CR gets a single quote in front and is written in double quotes (inner quotes
 * doubled). Excel, LibreOffice and Google Sheets then show the text as it was, with the quote visible,
 * and never evaluate it. A numeric cell — a Java {@link Number}, which only the program can put there
 * (counts, ranks, probabilities, weights) — is written as it is, so a negative weight stays a number;
 * the same characters in a text column (a department's value, a user name, a record id) are always
 * neutralised, because a text column is where somebody else's input arrives. Everything else is RFC 4180
 * as Commons CSV writes it.
 */
public final class SafeCsv implements Closeable, Flushable {

    private final Appendable out;
    private final CSVFormat plain;
    private final CSVFormat quoted;

    /** A writer on {@code out} with the given record separator ("\r\n" for files opened in Excel, "\n" for programs). */
    public SafeCsv(Appendable out, String recordSeparator) {
        this.out = out;
        this.plain = CSVFormat.DEFAULT.builder().setRecordSeparator(recordSeparator).get();
        this.quoted = plain.builder().setQuoteMode(QuoteMode.ALL).get();
    }

    /** Whether a text cell would be taken for a formula by a spreadsheet. */
    public static boolean dangerous(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The text a cell will hold: {@code value} itself, or with the single quote in front when it is dangerous. */
    public static String neutralise(String value) {
        return dangerous(value) ? "'" + value : value;
    }

    /** A number with a fixed count of decimals, written as a numeric cell (see the class comment). */
    public static Object decimal(double value, int places) {
        if (!Double.isFinite(value)) {
            return Double.toString(value); // NaN or Infinity: text, neutralised like any other text
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
    }

    /** One record; null cells are empty. */
    public void printRecord(Iterable<?> values) throws IOException {
        boolean first = true;
        for (Object v : values) {
            cell(v, first);
            first = false;
        }
        plain.println(out);
    }

    public void printRecord(Object... values) throws IOException {
        printRecord(java.util.Arrays.asList(values));
    }

    private void cell(Object v, boolean first) throws IOException {
        if (v == null || v instanceof Number) {
            plain.print(v, out, first);
            return;
        }
        String s = v.toString();
        if (dangerous(s)) {
            quoted.print("'" + s, out, first);
        } else {
            plain.print(s, out, first);
        }
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof Flushable f) {
            f.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (out instanceof Closeable c) {
            c.close();
        }
    }
}
