package jp.mimamori.synth;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.source.SourceSystem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One department's extract file: writes rows in the department's encoding, records which true
 * person each row is about, and corrupts a documented share of rows on purpose (listed in the truth).
 */
final class ExtractFile implements Closeable {

    /** One person a row is about, and in what role (the child, the allowance recipient …). */
    record Subject(Person person, String role) {
    }

    /** Where in a row the deliberate corruptions go: a date column (with its era column, if any), a code column and a required column. */
    record CorruptionTargets(int dateColumn, int eraColumn, int codeColumn, int requiredColumn) {
    }

    enum Corruption { IMPOSSIBLE_DATE, BAD_CODE, MISSING_REQUIRED }

    private final SourceSystem source;
    private final String fileName;
    private final String[] header;
    private final CSVPrinter out;
    private final CharsetEncoder encoder;
    private final DateNotation notation;
    private final CorruptionTargets targets;
    private final Truth truth;
    private final Render render;
    private int line = 1;
    private int rows;

    ExtractFile(Path dir, SourceSystem source, String fileName, Charset charset, boolean bom, DateNotation notation,
                String[] header, CorruptionTargets targets, Truth truth, Render render) throws IOException {
        this.source = source;
        this.fileName = fileName;
        this.header = header;
        this.notation = notation;
        this.targets = targets;
        this.truth = truth;
        this.render = render;
        this.encoder = charset.newEncoder();
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName)), 1 << 16);
        if (bom) {
            os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new OutputStreamWriter(os, charset);
        // Windows line ends: these files come from Windows-based vendor systems.
        this.out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
        out.printRecord((Object[]) header);
    }

    CharsetEncoder encoder() {
        return encoder;
    }

    String fileName() {
        return fileName;
    }

    int rows() {
        return rows;
    }

    void row(String recordId, String[] values, List<Subject> subjects) {
        line++;
        rows++;
        double x = render.u((long) recordId.hashCode(), source, Render.Draw.CORRUPT);
        if (x < Noise.CORRUPT_ROW) {
            corrupt(values, Corruption.values()[(int) (x / Noise.CORRUPT_ROW * 3)]);
        }
        try {
            out.printRecord((Object[]) values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Subject s : subjects) {
            truth.record(source, recordId, s.person(), s.role());
        }
    }

    private void corrupt(String[] values, Corruption kind) {
        int col;
        switch (kind) {
            case IMPOSSIBLE_DATE -> {
                col = targets.dateColumn();
                values[col] = impossibleDate();
                if (targets.eraColumn() >= 0) {
                    values[targets.eraColumn()] = "令和";
                }
            }
            case BAD_CODE -> {
                col = targets.codeColumn();
                values[col] = "9";
            }
            default -> {
                col = targets.requiredColumn();
                values[col] = "";
            }
        }
        truth.corruption(source, fileName, line, header[col], kind.name(), values[col]);
    }

    /** A date that does not exist in the file's notation (平成 after its end, 令和 before its start, 2月30日). */
    private String impossibleDate() {
        return switch (notation) {
            case WAREKI_KANJI -> "平成31年5月1日";
            case WAREKI_LETTER -> "H31.5.1";
            case WAREKI_LETTER_PADDED -> "H31.05.01";
            case ERA_COLUMN -> "1/4/30";
            case ISO -> "2023-02-30";
            case SLASH -> "2023/2/30";
            case COMPACT -> "20230230";
        };
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
