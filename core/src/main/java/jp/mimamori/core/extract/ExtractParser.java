package jp.mimamori.core.extract;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.DateParseException;
import jp.mimamori.core.date.Era;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.core.text.SexNotation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one extract file as a stream, row by row, never whole: checks every row against its source
 * definition and hands each on either as a clean, normalised row or as a bad row with every problem
 * it has. Problems with the file as such (empty, wrong header, truncated) stop the reading.
 */
public final class ExtractParser {

    /**
     * A valid row: normalised field values (String, Long, Boolean, or an ISO date string), with the
     * source's shared identifier also under {@link SourceDefinition#SHARED_ID_FIELD} when it declares
     * one, and the raw text of every value normalisation changed.
     */
    public record ParsedRow(long line, String recordId, Map<String, Object> fields, Map<String, String> raw) {
    }

    /** A row with problems, with its values as read. */
    public record BadRow(long line, List<String> values, List<Problem> problems) {
    }

    public interface Sink {
        void good(ParsedRow row);

        void bad(BadRow row);

        /** Called every {@link #PROGRESS_EVERY} rows. */
        default void progress(long rows, long bytes) {
        }
    }

    public record Result(FileEncoding encoding, long rows, long goodRows, long badRows, List<Problem> fileProblems, long bytes) {
        public boolean fileRejected() {
            return !fileProblems.isEmpty();
        }
    }

    public static final int PROGRESS_EVERY = 100_000;

    private ExtractParser() {
    }

    public static Result parse(SourceDefinition def, InputStream input, Sink sink) {
        BufferedInputStream buffered = new BufferedInputStream(input, 1 << 16);
        try {
            // Look at the start without consuming it: emptiness and a byte order mark.
            byte[] head = new byte[3];
            buffered.mark(head.length);
            int n = buffered.readNBytes(head, 0, head.length);
            buffered.reset();
            if (n == 0) {
                return rejected(def.encoding(), Problem.file("ファイルが空です", "the file is empty"));
            }
            if (def.encoding() == FileEncoding.CP932 && FileEncoding.startsWithBom(head, 0, n)) {
                // Refused rather than read as UTF-8: the department's system writes something other than
                // the city set it up for, and that is to be fixed before next month's file.
                return rejected(FileEncoding.CP932, Problem.file("CP932のはずがUTF-8（BOM付き）のファイルです",
                        "expected CP932 but the file is UTF-8 with a byte order mark"));
            }
            Tracking in = new Tracking(buffered);
            DecodingReader reader = def.encoding().reader(in);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(def.delimiter()).setQuote(def.quote()).get();
            return new Run(def, reader, sink, in).read(format.parse(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result rejected(FileEncoding enc, Problem p) {
        return new Result(enc, 0, 0, 0, List.of(p), 0);
    }

    /** No extract has a row this long; a file that does is garbage, and must not be read into memory as one "row". */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * Remembers the last byte read, to tell a complete file (ending in a line end) from a truncated
     * one, and refuses a line longer than {@link #MAX_LINE_BYTES}.
     */
    private static final class Tracking extends FilterInputStream {
        int last = -1;
        long count;
        long sinceNewline;

        private void track(int b) throws IOException {
            if (b == '\n') {
                sinceNewline = 0;
            } else if (++sinceNewline > MAX_LINE_BYTES) {
                throw new LineTooLong();
            }
        }

        Tracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                last = b;
                count++;
                track(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                last = b[off + r - 1];
                count += r;
                for (int i = off; i < off + r; i++) {
                    track(b[i]);
                }
            }
            return r;
        }
    }

    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line longer than " + MAX_LINE_BYTES + " bytes", null);
        }
    }

    private static final class Run {
        final SourceDefinition def;
        final DecodingReader reader;
        final Sink sink;
        final Tracking in;
        final int columns;
        final int recordIdIndex;
        final int[] eraIndex;
        final List<Map<String, Long>> seen = new ArrayList<>();
        final int[] uniqueIndex;
        final int sharedIdIndex;
        /** Per code column: the table's keys by their NFKC form, and for a sex column its keys for "1" and "2". */
        final List<Map<String, String>> codeKeys = new ArrayList<>();
        final List<Map<String, String>> sexKeys = new ArrayList<>();
        long rows;
        long good;
        long bad;

        Run(SourceDefinition def, DecodingReader reader, Sink sink, Tracking in) {
            this.def = def;
            this.reader = reader;
            this.sink = sink;
            this.in = in;
            this.columns = def.columns().size();
            this.recordIdIndex = def.indexOf(def.recordIdColumn());
            this.eraIndex = new int[columns];
            for (int i = 0; i < columns; i++) {
                ColumnDef c = def.columns().get(i);
                eraIndex[i] = c.eraColumn() == null ? -1 : def.indexOf(c.eraColumn());
            }
            this.uniqueIndex = def.uniqueColumns().stream().mapToInt(def::indexOf).toArray();
            for (int i = 0; i < uniqueIndex.length; i++) {
                seen.add(new HashMap<>());
            }
            this.sharedIdIndex = def.sharedIdColumn() == null ? -1 : def.indexOf(def.sharedIdColumn());
            for (ColumnDef c : def.columns()) {
                Map<String, String> keys = new HashMap<>();
                Map<String, String> sex = new HashMap<>();
                c.codes().forEach((k, label) -> {
                    keys.putIfAbsent(JapaneseText.clean(k), k);
                    if (isSex(c)) {
                        // The label says what a key means ({"1": 男} or {男: 男}); the key itself only when the label is no sex.
                        String code = SexNotation.code(label) != null ? SexNotation.code(label) : SexNotation.code(k);
                        if (code != null) {
                            sex.putIfAbsent(code, k);
                        }
                    }
                });
                codeKeys.add(keys);
                sexKeys.add(sex);
            }
        }

        static boolean isSex(ColumnDef c) {
            return c.field().equals("sex") || c.field().endsWith("_sex");
        }

        FileEncoding enc() {
            return reader.encoding();
        }

        Result read(CSVParser parser) {
            Iterator<CSVRecord> it = parser.iterator();
            long line = 0;
            try {
                if (def.header()) {
                    if (!it.hasNext()) {
                        return result(Problem.file("ファイルが空です", "the file is empty"));
                    }
                    line = 1;
                    Optional<Problem> h = checkHeader(it.next());
                    if (h.isPresent()) {
                        return result(h.get());
                    }
                }
                while (it.hasNext()) {
                    CSVRecord r = it.next();
                    line = r.getRecordNumber();
                    rows++;
                    row(line, r);
                    if (rows % PROGRESS_EVERY == 0) {
                        sink.progress(rows, in.count);
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                if (e.getCause() instanceof LineTooLong || e instanceof UncheckedIOException u && u.getCause() instanceof LineTooLong) {
                    return result(new Problem(line + 1, "", "", "1行が長すぎます（1MB超）。抽出ファイルではない可能性があります",
                            "a line is longer than 1 MB: this is not an extract file"));
                }
                return result(CsvTrouble.of(e, line + 1));
            }
            if (rows == 0) {
                return result(Problem.file("データ行がありません（見出し行のみ）", "no data rows (only a header)"));
            }
            if (in.last != '\n') {
                return result(new Problem(line, "", "", "ファイルが途中で切れています（最終行に改行がありません）",
                        "the file is truncated: its last row has no line end"));
            }
            return result(null);
        }

        Result result(Problem fileProblem) {
            return new Result(enc(), rows, good, bad, fileProblem == null ? List.of() : List.of(fileProblem), in.count);
        }

        Optional<Problem> checkHeader(CSVRecord header) {
            List<String> found = new ArrayList<>();
            header.forEach(v -> found.add(v.strip()));
            if (!found.isEmpty() && found.get(0).startsWith("\uFEFF")) {
                // A second BOM, or one inside a quoted first name: still never part of the name.
                found.set(0, found.get(0).replace("\uFEFF", "").strip());
            }
            List<String> expected = def.columns().stream().map(ColumnDef::name).toList();
            if (found.equals(expected)) {
                return Optional.empty();
            }
            String got = String.join(",", found);
            if (got.length() > 120) {
                got = got.substring(0, 120) + "…";
            }
            String hint = got.indexOf('\uFFFD') >= 0 || found.size() <= 1
                    ? "文字コードが違うか、CSVではない可能性があります" : "別のデータ種別のファイルか、列構成が変わった可能性があります";
            return Optional.of(new Problem(1, "", got, "見出し行が定義と一致しません（" + hint + "）。期待: " + String.join(",", expected),
                    "the header does not match the " + def.source().code() + " definition (wrong source, wrong encoding "
                            + enc().key() + ", or changed columns); expected " + expected.size() + " columns: " + String.join(",", expected)));
        }

        void row(long line, CSVRecord r) {
            List<Problem> problems = new ArrayList<>(0);
            List<String> values = new ArrayList<>(r.size());
            r.forEach(values::add);
            if (values.size() != columns) {
                problems.add(new Problem(line, "", "", "列数が違います（定義 " + columns + " 列、実際 " + values.size() + " 列）",
                        "expected " + columns + " columns, found " + values.size()));
                bad++;
                sink.bad(new BadRow(line, values, problems));
                return;
            }
            Map<String, Object> fields = new LinkedHashMap<>(columns * 2);
            Map<String, String> raw = null;
            for (int i = 0; i < columns; i++) {
                ColumnDef c = def.columns().get(i);
                String v = values.get(i);
                if (v.indexOf('\uFFFD') >= 0) {
                    problems.add(new Problem(line, c.name(), v, enc().key() + "として読めない文字があります", "bytes that are not valid " + enc().key()));
                    continue;
                }
                if (v.indexOf('\u0000') >= 0) {
                    problems.add(new Problem(line, c.name(), v.replace('\u0000', '?'), "NUL文字が含まれています", "contains a NUL character"));
                    continue;
                }
                Object value = value(line, c, v, i, values, problems);
                if (value != null) {
                    fields.put(c.field(), value);
                    String s = value.toString();
                    if (!s.equals(v)) {
                        if (raw == null) {
                            raw = new LinkedHashMap<>(4);
                        }
                        raw.put(c.field(), v);
                    }
                }
            }
            if (sharedIdIndex >= 0) {
                // As a string, whatever the column's type: 宛名番号 0001234 and 1234 are different people's numbers.
                String id = Normalizer.normalize(values.get(sharedIdIndex), Normalizer.Form.NFKC).strip();
                if (!id.isEmpty()) {
                    fields.put(SourceDefinition.SHARED_ID_FIELD, id);
                }
            }
            for (int u = 0; u < uniqueIndex.length; u++) {
                String key = values.get(uniqueIndex[u]);
                Long first = seen.get(u).putIfAbsent(key, line);
                if (first != null) {
                    problems.add(new Problem(line, def.columns().get(uniqueIndex[u]).name(), key,
                            "ファイル内で重複しています（" + first + "行目と同じ）", "duplicate within the file (same as row " + first + ")"));
                }
            }
            if (problems.isEmpty()) {
                good++;
                sink.good(new ParsedRow(line, String.valueOf(fields.get(def.columns().get(recordIdIndex).field())), fields,
                        raw == null ? Map.of() : raw));
            } else {
                bad++;
                sink.bad(new BadRow(line, values, problems));
            }
        }

        Object value(long line, ColumnDef c, String v, int i, List<String> values, List<Problem> problems) {
            String t = JapaneseText.clean(v);
            if (t.isEmpty()) {
                if (c.required()) {
                    problems.add(new Problem(line, c.name(), v, "必須項目が空です", "required field is empty"));
                }
                return null;
            }
            switch (c.type()) {
                case TEXT:
                    return t;
                case KANA:
                    return JapaneseText.katakana(t);
                case INTEGER:
                    if (t.matches("-?\\d{1,18}")) {
                        return Long.parseLong(t);
                    }
                    problems.add(new Problem(line, c.name(), v, "整数ではありません", "not a whole number"));
                    return null;
                case AMOUNT:
                    String a = t.replace(",", "").replace("¥", "").replace("円", "").strip();
                    if (a.matches("-?\\d{1,15}")) {
                        return Long.parseLong(a);
                    }
                    problems.add(new Problem(line, c.name(), v, "金額ではありません", "not an amount of money"));
                    return null;
                case FLAG:
                    if (c.trueValues().contains(t)) {
                        return Boolean.TRUE;
                    }
                    if (c.falseValues().contains(t)) {
                        return Boolean.FALSE;
                    }
                    problems.add(new Problem(line, c.name(), v, "はい/いいえの値ではありません（" + String.join("/", c.trueValues()) + " または "
                            + String.join("/", c.falseValues()) + "）", "not a yes/no value (" + c.trueValues() + " or " + c.falseValues() + ")"));
                    return null;
                case CODE:
                    String key = codeKeys.get(i).get(t);
                    if (key == null && isSex(c)) {
                        String sex = SexNotation.code(t);
                        key = sex == null ? null : sexKeys.get(i).get(sex);
                    }
                    if (key != null) {
                        return key;
                    }
                    problems.add(new Problem(line, c.name(), v, "コード表にない値です（" + String.join(", ", c.codes().keySet()) + "）",
                            "not in the code table (" + String.join(", ", c.codes().keySet()) + ")"));
                    return null;
                case ERA:
                    if (Era.parse(t).isPresent()) {
                        return t;
                    }
                    problems.add(new Problem(line, c.name(), v, "元号ではありません", "not an era name"));
                    return null;
                case DATE:
                    return date(line, c, v, t, i, values, problems);
                default:
                    throw new IllegalStateException(c.type().name());
            }
        }

        /**
         * A date that carries its era or its year is read in any date column, whatever the column lists:
         * vendors change notation between versions, and a readable date refused is a child unlinked.
         * Only 6/4/1 needs the column to say where its era is.
         */
        String date(long line, ColumnDef c, String v, String t, int i, List<String> values, List<Problem> problems) {
            int e = eraIndex[i];
            String eraText = e >= 0 ? JapaneseText.clean(values.get(e)) : "";
            try {
                if (JapaneseDates.notationOf(t).isPresent()) {
                    LocalDate d = JapaneseDates.parse(t);
                    Optional<Era> era = eraText.isEmpty() ? Optional.empty() : Era.parse(eraText);
                    if (era.isPresent() && !era.get().contains(d)) {
                        problems.add(new Problem(line, c.name(), v, "元号列「" + c.eraColumn() + "」（" + eraText + "）と日付が一致しません",
                                "the date does not lie in the era given in column '" + c.eraColumn() + "' (" + eraText + ")"));
                        return null;
                    }
                    return d.toString();
                }
                if (!JapaneseDates.isEraColumnValue(t)) {
                    problems.add(new Problem(line, c.name(), v, "日付として読めません", "not a recognised date notation"));
                    return null;
                }
                if (!c.notations().contains(DateNotation.ERA_COLUMN) || e < 0) {
                    problems.add(new Problem(line, c.name(), v, "元号のない和暦の日付です（この列には元号列がありません）",
                            "a Japanese-era date without its era: this column has no era column"));
                    return null;
                }
                if (eraText.isEmpty()) {
                    problems.add(new Problem(line, c.name(), v, "元号列「" + c.eraColumn() + "」が空です",
                            "the era column '" + c.eraColumn() + "' is empty"));
                    return null;
                }
                return JapaneseDates.parse(eraText, t).toString();
            } catch (DateParseException ex) {
                problems.add(new Problem(line, c.name(), v, ex.reasonJa(), ex.reasonEn()));
                return null;
            }
        }
    }
}
