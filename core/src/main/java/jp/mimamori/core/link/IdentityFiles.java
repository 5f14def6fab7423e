package jp.mimamori.core.link;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jp.mimamori.core.csv.SafeCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files between the server and a distributed 名寄せ run, and their one reader and writer.
 *
 * <p><b>The extract</b> ({@code ./mimamori export-extracts DIR}): {@value #LINK_RECORDS} (the folded
 * records, {@link LinkRecordsCsv}), {@value #DECISIONS} (reviewers' decisions by record),
 * {@value #LINK_ROWS} (every source row and the record it was folded into: IDs are voted by rows),
 * {@value #PREVIOUS} (each row's person in earlier runs: {@code record_identity}), {@value #HOUSEHOLDS}
 * (世帯番号 → 世帯ID) and {@value #EXTRACT_INFO} (the month's last day, the run and loads it was taken
 * from, the seed of new IDs).
 *
 * <p><b>The run</b> ({@code ./mimamori spark link}, read by {@code ./mimamori import-linkage OUT}):
 * {@value #RECORD_LINKS} (every row's person, household, child flag and exact probability),
 * {@value #NEW_HOUSEHOLDS}, {@value #LINK_REVIEW} (the queue with explanations), {@value #BLOCKING},
 * {@value #MODEL}, {@value #RUN_INFO} (counts and the extract it came from) and {@value #LINKS} (the
 * {@code export-links} format, for people: not read back). Rows are sorted by (source, record number),
 * so two runs' files compare byte for byte. Probabilities are written exactly ({@link Double#toString}).
 *
 * <p>{@link #readRun} checks every cell before anything is stored and names the file, row (the header
 * is row 1) and column of the first one that is wrong.
 */
public final class IdentityFiles {

    public static final String LINK_RECORDS = "link-records.csv";
    public static final String DECISIONS = "decisions.csv";
    public static final String LINK_ROWS = "link-rows.csv";
    public static final String PREVIOUS = "previous-identities.csv";
    public static final String HOUSEHOLDS = "households.csv";
    public static final String EXTRACT_INFO = "extract.properties";

    public static final String RECORD_LINKS = "record-links.csv";
    public static final String LINKS = "links.csv";
    public static final String NEW_HOUSEHOLDS = "new-households.csv";
    public static final String LINK_REVIEW = "link-review.csv";
    public static final String BLOCKING = "blocking.csv";
    public static final String MODEL = "model.json";
    public static final String RUN_INFO = "linkage-run.properties";

    static final String[] DECISIONS_HEADER = {"source_a", "record_id_a", "source_b", "record_id_b", "same"};
    public static final String[] LINK_ROWS_HEADER = {"source", "record_id", "link_record_id"};
    public static final String[] PREVIOUS_HEADER = {"source", "record_id", "person_id"};
    public static final String[] HOUSEHOLDS_HEADER = {"household_no", "household_id"};
    public static final String[] RECORD_LINKS_HEADER = {"source", "record_id", "person_id", "household_id", "is_child", "match_probability"};
    public static final String[] NEW_HOUSEHOLDS_HEADER = {"household_id", "household_no"};
    public static final String[] LINK_REVIEW_HEADER = {"seq", "source_a", "record_id_a", "source_b", "record_id_b", "probability", "explanation"};
    public static final String[] BLOCKING_HEADER = {"pass", "comparisons", "skipped_blocks", "skipped_records"};
    /** {@code ./mimamori export-links}' columns. */
    public static final String[] EXPORT_LINKS_HEADER = {"source", "source_record_id", "person_id", "child_id", "household_id", "match_probability"};

    private static final Pattern PERSON_ID = Pattern.compile("P[" + IdCarryOver.ALPHABET + "]{" + IdCarryOver.LENGTH + "}");
    private static final Pattern HOUSEHOLD_ID = Pattern.compile("H[" + IdCarryOver.ALPHABET + "]{" + IdCarryOver.LENGTH + "}");
    private static final int FORMAT = 1;

    private IdentityFiles() {
    }

    /**
     * Where an extract was taken: the last day of its latest month, the latest finished run then (null:
     * none), the current loads, and the seed new IDs are computed from ({@link IdCarryOver.NewIds}).
     */
    public record ExtractInfo(LocalDate asOf, Long basedOnRun, List<Long> loads, String idSeed) {
    }

    /** A file that cannot be read as it should be: names the file, the row (header = 1) and the column. */
    public static final class FileError extends IllegalArgumentException {
        private final String file;
        private final long row;
        private final String column;

        FileError(String file, long row, String column, String ja, String en) {
            super(file + (row > 0 ? " " + row + "行目" : "") + (column != null ? " 列 " + column : "") + ": " + ja + " / " + file
                    + (row > 0 ? ", row " + row : "") + (column != null ? ", column " + column : "") + ": " + en);
            this.file = file;
            this.row = row;
            this.column = column;
        }

        public String file() {
            return file;
        }

        public long row() {
            return row;
        }

        public String column() {
            return column;
        }
    }

    // ---------------------------------------------------------------- the extract

    /** The export-links line of one row: the shared format of {@code ./mimamori export-links} and the Spark run's {@value #LINKS}. */
    public static Object[] exportLinksRow(String source, String recordId, String personId, boolean child, String householdId, double probability) {
        return new Object[] {source, recordId, personId, child ? personId : "", householdId, SafeCsv.decimal(probability, 4)};
    }

    /**
     * Writes the identity part of an extract: {@value #LINK_ROWS}, {@value #PREVIOUS}, {@value #HOUSEHOLDS}
     * and {@value #EXTRACT_INFO}. {@code rows} in the run's row order, {@code folded} their folding.
     */
    public static void writeIdentityExtract(Path dir, List<LinkRecord> rows, RowFolding folded, Map<String, String> previous,
                                            Map<String, String> households, ExtractInfo info) throws IOException {
        Files.createDirectories(dir);
        try (CSVPrinter p = printer(dir.resolve(LINK_ROWS), LINK_ROWS_HEADER)) {
            for (int i = 0; i < rows.size(); i++) {
                LinkRecord r = rows.get(i);
                p.printRecord(r.source(), r.recordId(), folded.records().get(folded.representative()[i]).recordId());
            }
        }
        try (CSVPrinter p = printer(dir.resolve(PREVIOUS), PREVIOUS_HEADER)) {
            for (Map.Entry<String, String> e : new TreeMap<>(previous).entrySet()) {
                int colon = e.getKey().indexOf(':');
                p.printRecord(e.getKey().substring(0, colon), e.getKey().substring(colon + 1), e.getValue());
            }
        }
        try (CSVPrinter p = printer(dir.resolve(HOUSEHOLDS), HOUSEHOLDS_HEADER)) {
            for (Map.Entry<String, String> e : new TreeMap<>(households).entrySet()) {
                p.printRecord(e.getKey(), e.getValue());
            }
        }
        writeExtractInfo(dir.resolve(EXTRACT_INFO), info);
    }

    /** Writes a whole extract as {@code export-extracts} does (the records, the decisions by record, the identity part). */
    public static void writeExtract(Path dir, List<LinkRecord> rows, List<IdentityRun.KeyedDecision> decisions, Map<String, String> previous,
                                    Map<String, String> households, ExtractInfo info) throws IOException {
        RowFolding folded = RowFolding.fold(rows);
        Files.createDirectories(dir);
        LinkRecordsCsv.write(folded.records(), dir.resolve(LINK_RECORDS));
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(dir.resolve(DECISIONS), StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            p.printRecord((Object[]) DECISIONS_HEADER);
            for (Decision d : IdentityRun.decisions(rows, folded, decisions)) {
                LinkRecord a = folded.records().get(d.a());
                LinkRecord b = folded.records().get(d.b());
                p.printRecord(a.source(), a.recordId(), b.source(), b.recordId(), String.valueOf(d.same()));
            }
        }
        writeIdentityExtract(dir, rows, folded, previous, households, info);
    }

    /** An extract read back: its rows (each a record with the row's own number), decisions by record, earlier identities and households. */
    public record Extract(List<LinkRecord> rows, List<IdentityRun.KeyedDecision> decisions, Map<String, String> previous,
                          Map<String, String> households, ExtractInfo info) {
    }

    /** Reads an extract; without {@value #LINK_ROWS} (an extract from before it), every record is one row. */
    public static Extract readExtract(Path dir) throws IOException {
        List<LinkRecord> records = LinkRecordsCsv.read(dir.resolve(LINK_RECORDS));
        List<LinkRecord> rows = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(LINK_ROWS))) {
            Map<String, LinkRecord> byKey = new HashMap<>(records.size() * 2);
            for (LinkRecord r : records) {
                byKey.put(IdCarryOver.key(r.source(), r.recordId()), r);
            }
            read(dir.resolve(LINK_ROWS), LINK_ROWS_HEADER, (row, c) -> {
                LinkRecord r = byKey.get(IdCarryOver.key(c.text(0), c.text(2)));
                if (r == null) {
                    throw c.error(2, "名寄せ用抽出にない記録です", "no such record in " + LINK_RECORDS);
                }
                rows.add(new LinkRecord(r.source(), c.text(1), r.name(), r.kana(), r.birth(), r.sex(), r.address(), r.postcode(), r.sharedId(),
                        r.household()));
            });
        } else {
            rows.addAll(records);
        }
        List<IdentityRun.KeyedDecision> decisions = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(DECISIONS))) {
            read(dir.resolve(DECISIONS), DECISIONS_HEADER, (row, c) -> decisions.add(
                    new IdentityRun.KeyedDecision(c.text(0), c.text(1), c.text(2), c.text(3), c.bool(4))));
        }
        Map<String, String> previous = new HashMap<>();
        if (Files.isRegularFile(dir.resolve(PREVIOUS))) {
            read(dir.resolve(PREVIOUS), PREVIOUS_HEADER, (row, c) -> previous.put(IdCarryOver.key(c.text(0), c.text(1)), c.personId(2)));
        }
        Map<String, String> households = new HashMap<>();
        if (Files.isRegularFile(dir.resolve(HOUSEHOLDS))) {
            read(dir.resolve(HOUSEHOLDS), HOUSEHOLDS_HEADER, (row, c) -> households.put(c.text(0), c.householdId(1, false)));
        }
        return new Extract(rows, decisions, previous, households, readExtractInfo(dir.resolve(EXTRACT_INFO)));
    }

    public static void writeExtractInfo(Path file, ExtractInfo info) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", String.valueOf(FORMAT));
        m.put("as_of", info.asOf().toString());
        m.put("based_on_run", info.basedOnRun() == null ? "" : info.basedOnRun().toString());
        m.put("loads", String.join(",", info.loads().stream().map(String::valueOf).toList()));
        m.put("id_seed", info.idSeed());
        writeProperties(file, "the extract of one linkage run: see IdentityFiles", m);
    }

    public static ExtractInfo readExtractInfo(Path file) throws IOException {
        Properties p = properties(file);
        String name = file.getFileName().toString();
        return new ExtractInfo(date(p, name, "as_of"), optionalLong(p, name, "based_on_run"), longs(p, name, "loads"), seed(p, name));
    }

    // ---------------------------------------------------------------- the run

    /** Writes an in-process run in the files' format (what {@code spark link} writes for the same extract). */
    public static void writeRun(Path out, IdentityRun run, ExtractInfo info) throws IOException {
        List<IdentityRun.Link> sorted = new ArrayList<>(run.links());
        sorted.sort((x, y) -> IdCarryOver.compareKeys(x.source(), x.recordId(), y.source(), y.recordId()));
        writeRun(out, sorted, run.newHouseholds(), run.review(), run.passes(), run.counts(), info, run.modelJson());
    }

    /**
     * Writes a run. {@code sortedLinks}: every row's link sorted by (source, record number), read once
     * (a distributed run streams them from its executors); {@code newHouseholds} in any order.
     */
    public static void writeRun(Path out, Iterable<IdentityRun.Link> sortedLinks, List<IdCarryOver.NewHousehold> newHouseholds,
                                List<IdentityRun.Review> review, List<BlockingPass> passes, IdentityRun.Counts counts, ExtractInfo info,
                                String modelJson) throws IOException {
        Files.createDirectories(out);
        try (CSVPrinter p = printer(out.resolve(RECORD_LINKS), RECORD_LINKS_HEADER);
             SafeCsv links = new SafeCsv(Files.newBufferedWriter(out.resolve(LINKS), StandardCharsets.UTF_8), "\n")) {
            links.printRecord((Object[]) EXPORT_LINKS_HEADER);
            for (IdentityRun.Link l : sortedLinks) {
                p.printRecord(l.source(), l.recordId(), l.personId(), l.householdId(), String.valueOf(l.child()), Double.toString(l.probability()));
                links.printRecord(exportLinksRow(l.source(), l.recordId(), l.personId(), l.child(), l.householdId(), l.probability()));
            }
        }
        List<IdCarryOver.NewHousehold> hh = new ArrayList<>(newHouseholds);
        hh.sort(Comparator.comparing(IdCarryOver.NewHousehold::householdNo));
        try (CSVPrinter p = printer(out.resolve(NEW_HOUSEHOLDS), NEW_HOUSEHOLDS_HEADER)) {
            for (IdCarryOver.NewHousehold h : hh) {
                p.printRecord(h.householdId(), h.householdNo());
            }
        }
        try (CSVPrinter p = printer(out.resolve(LINK_REVIEW), LINK_REVIEW_HEADER)) {
            int seq = 0;
            for (IdentityRun.Review r : review) {
                p.printRecord(++seq, r.sourceA(), r.recordA(), r.sourceB(), r.recordB(), Double.toString(r.probability()), r.explanation());
            }
        }
        try (CSVPrinter p = printer(out.resolve(BLOCKING), BLOCKING_HEADER)) {
            for (BlockingPass b : passes) {
                p.printRecord(b.name(), b.comparisons(), b.skippedBlocks(), b.skippedRecords());
            }
        }
        Files.writeString(out.resolve(MODEL), modelJson, StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", String.valueOf(FORMAT));
        m.put("as_of", info.asOf().toString());
        m.put("based_on_run", info.basedOnRun() == null ? "" : info.basedOnRun().toString());
        m.put("loads", String.join(",", info.loads().stream().map(String::valueOf).toList()));
        m.put("records", String.valueOf(counts.records()));
        m.put("persons", String.valueOf(counts.persons()));
        m.put("new_persons", String.valueOf(counts.newPersons()));
        m.put("kept_persons", String.valueOf(counts.keptPersons()));
        m.put("children", String.valueOf(counts.children()));
        m.put("candidate_pairs", String.valueOf(counts.candidatePairs()));
        m.put("matched_pairs", String.valueOf(counts.matchedPairs()));
        m.put("review_pairs", String.valueOf(counts.reviewPairs()));
        writeProperties(out.resolve(RUN_INFO), "one linkage run, for ./mimamori import-linkage: see IdentityFiles", m);
    }

    /** A run read back from its files, every cell checked. */
    public record LoadedRun(List<IdentityRun.Link> links, List<IdCarryOver.NewHousehold> newHouseholds, List<IdentityRun.Review> review,
                            List<BlockingPass> passes, IdentityRun.Counts counts, ExtractInfo info, String modelJson, Model model) {
    }

    /**
     * Reads and checks a run's files: the headers, every cell (IDs, flags, probabilities within 0–1,
     * explanations as JSON with a weight and contributions, the blocking passes the engine has), one row
     * per record, one household and child flag per person, review pairs of records in the run, and the
     * counts against the rows. Throws {@link FileError} at the first fault.
     */
    public static LoadedRun readRun(Path dir) throws IOException {
        Properties info = properties(dir.resolve(RUN_INFO));
        String infoName = RUN_INFO;
        long format = number(info, infoName, "format");
        if (format != FORMAT) {
            throw new FileError(infoName, 0, "format", "形式 " + format + " は読めません（" + FORMAT + " のみ）", "format " + format + " is not " + FORMAT);
        }
        ExtractInfo extract = new ExtractInfo(date(info, infoName, "as_of"), optionalLong(info, infoName, "based_on_run"), longs(info, infoName, "loads"), "");
        IdentityRun.Counts counts = new IdentityRun.Counts(number(info, infoName, "records"), number(info, infoName, "persons"),
                number(info, infoName, "new_persons"), number(info, infoName, "kept_persons"), number(info, infoName, "children"),
                number(info, infoName, "candidate_pairs"), number(info, infoName, "matched_pairs"), number(info, infoName, "review_pairs"));

        List<IdentityRun.Link> links = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<String, String[]> personFacts = new HashMap<>();
        read(dir.resolve(RECORD_LINKS), RECORD_LINKS_HEADER, (row, c) -> {
            String source = c.text(0);
            String record = c.text(1);
            if (!keys.add(IdCarryOver.key(source, record))) {
                throw c.error(1, "同じ記録が2度あります", "the same record twice");
            }
            String person = c.personId(2);
            String household = c.householdId(3, true);
            boolean child = c.bool(4);
            double p = c.probability(5);
            String[] facts = {household, String.valueOf(child)};
            String[] seen = personFacts.putIfAbsent(person, facts);
            if (seen != null && !Arrays.equals(seen, facts)) {
                throw c.error(household == null ? 4 : 3, "同じ人物の行で世帯・こども区分が異なります",
                        "rows of one person disagree on household or child flag");
            }
            links.add(new IdentityRun.Link(source, record, person, household, child, p));
        });
        List<IdCarryOver.NewHousehold> households = new ArrayList<>();
        Set<String> householdIds = new HashSet<>();
        Set<String> householdNos = new HashSet<>();
        read(dir.resolve(NEW_HOUSEHOLDS), NEW_HOUSEHOLDS_HEADER, (row, c) -> {
            String id = c.householdId(0, false);
            String no = c.text(1);
            if (!householdIds.add(id)) {
                throw c.error(0, "同じ世帯IDが2度あります", "the same household ID twice");
            }
            if (!householdNos.add(no)) {
                throw c.error(1, "同じ世帯番号が2度あります", "the same household number twice");
            }
            households.add(new IdCarryOver.NewHousehold(id, no));
        });
        List<IdentityRun.Review> review = new ArrayList<>();
        read(dir.resolve(LINK_REVIEW), LINK_REVIEW_HEADER, (row, c) -> {
            long seq = c.number(0);
            if (seq != review.size() + 1) {
                throw c.error(0, "順番が " + (review.size() + 1) + " ではありません", "seq is not " + (review.size() + 1));
            }
            for (int k : new int[] {1, 3}) {
                if (!keys.contains(IdCarryOver.key(c.text(k), c.text(k + 1)))) {
                    throw c.error(k + 1, "この記録は " + RECORD_LINKS + " にありません", "this record is not in " + RECORD_LINKS);
                }
            }
            review.add(new IdentityRun.Review(c.text(1), c.text(2), c.text(3), c.text(4), c.probability(5), c.explanation(6)));
        });
        List<BlockingPass> passes = new ArrayList<>();
        List<String> names = LinkageEngine.passNames();
        read(dir.resolve(BLOCKING), BLOCKING_HEADER, (row, c) -> {
            int i = passes.size();
            if (i >= names.size() || !names.get(i).equals(c.text(0))) {
                throw c.error(0, "名寄せの" + (i + 1) + "番目の段階は「" + (i < names.size() ? names.get(i) : "なし") + "」です",
                        "blocking pass " + (i + 1) + " is " + (i < names.size() ? "'" + names.get(i) + "'" : "not there"));
            }
            passes.add(new BlockingPass(c.text(0), c.number(1), c.number(2), c.number(3)));
        });
        if (passes.size() != names.size()) {
            throw new FileError(BLOCKING, passes.size() + 2, "pass", "段階が " + names.size() + " 個ありません", "not all " + names.size() + " blocking passes");
        }
        String modelJson;
        Model model;
        try {
            modelJson = Files.readString(dir.resolve(MODEL), StandardCharsets.UTF_8);
            model = Model.fromJson(modelJson);
        } catch (NoSuchFileException e) {
            throw new FileError(MODEL, 0, null, "ファイルがありません", "no such file");
        } catch (RuntimeException e) {
            throw new FileError(MODEL, 0, null, "モデルとして読めません: " + e.getMessage(), "not a model: " + e.getMessage());
        }

        long persons = personFacts.size();
        long children = personFacts.values().stream().filter(f -> f[1].equals("true")).count();
        check(counts.records(), links.size(), "records", "rows in " + RECORD_LINKS);
        check(counts.persons(), persons, "persons", "person IDs in " + RECORD_LINKS);
        check(counts.children(), children, "children", "persons marked as children in " + RECORD_LINKS);
        check(counts.newPersons() + counts.keptPersons(), persons, "new_persons", "persons (new + kept) in " + RECORD_LINKS);
        check(counts.reviewPairs(), review.size(), "review_pairs", "pairs in " + LINK_REVIEW);
        check(counts.candidatePairs(), passes.stream().mapToLong(BlockingPass::comparisons).sum(), "candidate_pairs", "comparisons in " + BLOCKING);
        return new LoadedRun(links, households, review, passes, counts, extract, modelJson, model);
    }

    private static void check(long stated, long counted, String key, String what) {
        if (stated != counted) {
            throw new FileError(RUN_INFO, 0, key, stated + " ですがファイルには " + counted + " あります", "says " + stated + " but there are " + counted + " " + what);
        }
    }

    // ---------------------------------------------------------------- reading, checked

    /** One data row's cells, with the checks that name where a fault is. */
    public static final class Cells {
        private final String file;
        private final String[] header;
        private final CSVRecord record;

        Cells(String file, String[] header, CSVRecord record) {
            this.file = file;
            this.header = header;
            this.record = record;
        }

        public FileError error(int column, String ja, String en) {
            return new FileError(file, record.getRecordNumber(), header[column], ja, en);
        }

        /** A cell that must not be empty. */
        public String text(int column) {
            String s = record.get(column);
            if (s.isEmpty()) {
                throw error(column, "空です", "empty");
            }
            return s;
        }

        public boolean bool(int column) {
            return switch (record.get(column)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(column, "true か false ではありません: " + show(record.get(column)), "not true or false: " + show(record.get(column)));
            };
        }

        public long number(int column) {
            try {
                long n = Long.parseLong(record.get(column));
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw error(column, "0以上の整数ではありません: " + show(record.get(column)), "not a whole number of 0 or more: " + show(record.get(column)));
            }
        }

        public double probability(int column) {
            String s = record.get(column);
            double p;
            try {
                p = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                p = Double.NaN;
            }
            if (!(p >= 0 && p <= 1)) {
                throw error(column, "0から1の確率ではありません: " + show(s), "not a probability from 0 to 1: " + show(s));
            }
            return p;
        }

        public String personId(int column) {
            String s = record.get(column);
            if (!PERSON_ID.matcher(s).matches()) {
                throw error(column, "人物ID（P+12文字）ではありません: " + show(s), "not a person ID (P and 12 characters): " + show(s));
            }
            return s;
        }

        /** A household ID; empty is none (null) where {@code optional}. */
        public String householdId(int column, boolean optional) {
            String s = record.get(column);
            if (optional && s.isEmpty()) {
                return null;
            }
            if (!HOUSEHOLD_ID.matcher(s).matches()) {
                throw error(column, "世帯ID（H+12文字）ではありません: " + show(s), "not a household ID (H and 12 characters): " + show(s));
            }
            return s;
        }

        /** A review pair's explanation: a JSON object with a numeric weight and a list of contributions (field, label, level, bits). */
        @SuppressWarnings("unchecked")
        public String explanation(int column) {
            String s = record.get(column);
            Object o;
            try {
                o = new Yaml(new SafeConstructor(new LoaderOptions())).load(s);
            } catch (RuntimeException e) {
                o = null;
            }
            boolean ok = s.startsWith("{") && o instanceof Map<?, ?> m && m.get("weight") instanceof Number
                    && m.get("contributions") instanceof List<?> list && list.stream().allMatch(x -> x instanceof Map<?, ?> c
                    && c.get("field") instanceof String && c.get("label") instanceof String && c.get("level") instanceof String
                    && c.get("bits") instanceof Number);
            if (!ok) {
                throw error(column, "説明（weight と contributions の JSON）ではありません", "not an explanation (JSON with weight and contributions)");
            }
            return s;
        }

        private static String show(String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
    }

    interface RowReader {
        void read(long row, Cells cells);
    }

    /** Reads a CSV file with exactly this header and as many cells in every row. */
    static void read(Path file, String[] header, RowReader reader) throws IOException {
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().get().parse(r)) {
            boolean first = true;
            for (CSVRecord rec : parser) {
                if (first) {
                    first = false;
                    List<String> got = rec.toList();
                    if (!got.equals(List.of(header))) {
                        throw new FileError(name, 1, null, "見出しが " + String.join(",", header) + " ではありません: " + String.join(",", got),
                                "the header is not " + String.join(",", header) + ": " + String.join(",", got));
                    }
                    continue;
                }
                if (rec.size() != header.length) {
                    throw new FileError(name, rec.getRecordNumber(), rec.size() < header.length ? header[rec.size()] : null,
                            "列が " + header.length + " ではなく " + rec.size() + " あります", rec.size() + " cells, not " + header.length);
                }
                reader.read(rec.getRecordNumber(), new Cells(name, header, rec));
            }
            if (first) {
                throw new FileError(name, 1, null, "見出しがありません", "no header");
            }
        } catch (NoSuchFileException e) {
            throw new FileError(name, 0, null, "ファイルがありません", "no such file");
        } catch (UncheckedIOException e) {
            throw new FileError(name, 0, null, "CSV として読めません: " + e.getMessage(), "not readable as CSV: " + e.getMessage());
        } catch (IllegalStateException e) {
            // Commons CSV's parse errors (an unterminated quote) arrive as IllegalStateException or UncheckedIOException.
            throw new FileError(name, 0, null, "CSV として読めません: " + e.getMessage(), "not readable as CSV: " + e.getMessage());
        }
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180);
        p.printRecord((Object[]) header);
        return p;
    }

    private static void writeProperties(Path file, String comment, Map<String, String> values) throws IOException {
        StringBuilder b = new StringBuilder("# ").append(comment).append('\n');
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, b, StandardCharsets.ISO_8859_1);
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new FileError(file.getFileName().toString(), 0, null, "ファイルがありません", "no such file");
        }
        return p;
    }

    private static String value(Properties p, String file, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new FileError(file, 0, key, "この項目がありません", "this key is missing");
        }
        return v.strip();
    }

    private static long number(Properties p, String file, String key) {
        String v = value(p, file, key);
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new FileError(file, 0, key, "0以上の整数ではありません: '" + v + "'", "not a whole number of 0 or more: '" + v + "'");
    }

    private static Long optionalLong(Properties p, String file, String key) {
        return value(p, file, key).isEmpty() ? null : number(p, file, key);
    }

    private static List<Long> longs(Properties p, String file, String key) {
        String v = value(p, file, key);
        List<Long> out = new ArrayList<>();
        for (String s : v.isEmpty() ? new String[0] : v.split(",")) {
            try {
                out.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new FileError(file, 0, key, "番号の並び（1,2,3）ではありません: '" + v + "'", "not a list of numbers (1,2,3): '" + v + "'");
            }
        }
        return List.copyOf(out);
    }

    private static LocalDate date(Properties p, String file, String key) {
        String v = value(p, file, key);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new FileError(file, 0, key, "日付（2026-04-30）ではありません: '" + v + "'", "not a date (2026-04-30): '" + v + "'");
        }
    }

    private static String seed(Properties p, String file) {
        String v = value(p, file, "id_seed");
        try {
            return new IdCarryOver.NewIds(java.util.HexFormat.of().parseHex(v)).hex();
        } catch (IllegalArgumentException e) {
            throw new FileError(file, 0, "id_seed", "ID の種（16バイト以上の16進数）ではありません", "not an ID seed (16 bytes or more in hexadecimal)");
        }
    }
}
