package jp.mimamori.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.extract.FileEncoding;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.PairwiseQuality;
import jp.mimamori.core.link.ScoredPair;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mimamori dedupe --config CFG IN.csv [IN2.csv …] OUT.csv}: the linkage engine on any CSV
 * files, their columns mapped to roles, so it can be checked against public benchmarks that have
 * nothing to do with Japan. Each input file is a source of its own. No database; anyone may run it on
 * their own files.
 */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = {"Find the records of one or more CSV files that are the same person, with the same engine as 名寄せ.",
            "CFG (YAML) maps columns to roles: identifier (required); name, or surname and given_name; kana (or surname_kana and given_kana);",
            "birth_date; sex; address (a column or a list of columns, joined); postcode; shared_id (a number shared across files, e.g. a",
            "宛名番号 or soc_sec_id); truth (optional: a true-entity column, to print precision, recall and blocking pair completeness);",
            "encoding (UTF-8 default, CP932 / windows-31j / MS932 / Shift_JIS, UTF-8-BOM, detect). Every file but the last is an input;",
            "the last is OUT.csv: source,identifier,cluster,match_probability. --review FILE writes the pairs left for a person to decide."})
public final class DedupeCommand implements Callable<Integer> {

    /** Roles that name one column; address may also be a list. */
    private static final List<String> COLUMN_ROLES = List.of("identifier", "name", "surname", "given_name", "kana", "surname_kana", "given_kana",
            "birth_date", "sex", "postcode", "shared_id", "truth");
    private static final List<String> KEYS = List.of("identifier", "name", "surname", "given_name", "kana", "surname_kana", "given_kana",
            "birth_date", "sex", "address", "postcode", "shared_id", "truth", "encoding");

    @Option(names = "--config", required = true, description = "YAML file mapping columns to roles.")
    Path config;

    @Option(names = "--review", paramLabel = "FILE", description = "Write the pairs left for review (both records, probability, each field's bits).")
    Path reviewOut;

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "Input CSV files with a header row, then the output CSV.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<?, ?> cfg;
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (!(doc instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("設定が空です / the config is empty: " + config);
            }
            cfg = m;
        }
        for (Object k : cfg.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("設定に不明な項目があります / unknown key '" + k + "' in " + config + " (use " + String.join(", ", KEYS) + ")");
            }
        }
        for (String role : COLUMN_ROLES) {
            if (cfg.get(role) instanceof List<?> || cfg.get(role) instanceof Map<?, ?>) {
                throw new IllegalArgumentException("'" + role + "' は1列の名前です（一覧は address だけ）/ '" + role
                        + "' names one column (only address may be a list of columns)");
            }
        }
        String id = column(cfg, "identifier", true);
        FileEncoding encoding = cfg.get("encoding") == null ? FileEncoding.UTF8 : FileEncoding.of(String.valueOf(cfg.get("encoding")));
        List<Path> inputs = files.subList(0, files.size() - 1);
        Path out = files.get(files.size() - 1);
        List<LinkRecord> records = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        long unparsedCount = 0;
        for (Path in : inputs) {
            String source = inputs.size() == 1 ? "input" : in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            try (Reader r = encoding.reader(Files.newInputStream(in))) {
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreSurroundingSpaces(true).get().parse(r);
                Map<String, String> header = new HashMap<>();
                for (String h : parser.getHeaderNames()) {
                    header.put(h.strip(), h);
                }
                for (String role : COLUMN_ROLES) {
                    String c = column(cfg, role, false);
                    if (c != null && !header.containsKey(c)) {
                        throw new IllegalArgumentException("列がありません / no column '" + c + "' for " + role + " in " + in);
                    }
                }
                for (CSVRecord row : parser) {
                    String name = get(row, header, cfg, "name");
                    if (name == null) {
                        String sn = get(row, header, cfg, "surname");
                        String gn = get(row, header, cfg, "given_name");
                        name = sn == null && gn == null ? null : (sn == null ? "" : sn) + " " + (gn == null ? "" : gn);
                    }
                    String kana = get(row, header, cfg, "kana");
                    if (kana == null && (cfg.get("surname_kana") != null || cfg.get("given_kana") != null)) {
                        String sk = get(row, header, cfg, "surname_kana");
                        String gk = get(row, header, cfg, "given_kana");
                        kana = sk == null && gk == null ? null : (sk == null ? "" : sk) + " " + (gk == null ? "" : gk);
                    }
                    String rawBirth = get(row, header, cfg, "birth_date");
                    LocalDate birth = null;
                    if (rawBirth != null) {
                        try {
                            birth = JapaneseDates.parse(rawBirth);
                        } catch (RuntimeException e) {
                            unparsedCount++;
                            if (unparsed.size() < 20) {
                                unparsed.add(in.getFileName() + " " + (row.getRecordNumber() + 1) + "行目 / row " + (row.getRecordNumber() + 1) + ": " + rawBirth);
                            }
                        }
                    }
                    records.add(new LinkRecord(source, get(row, header, cfg, "identifier"), name, kana, birth, LinkRecord.sex(get(row, header, cfg, "sex")),
                            address(row, header, cfg), get(row, header, cfg, "postcode"), get(row, header, cfg, "shared_id"), null));
                    truth.add(get(row, header, cfg, "truth"));
                }
            }
        }
        long t0 = System.nanoTime();
        LinkResult result = new LinkageEngine().link(records);
        Map<Integer, String> clusterName = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            clusterName.merge(result.clusterOf()[i], records.get(i).source() + ":" + records.get(i).recordId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             jp.mimamori.core.csv.SafeCsv p = new jp.mimamori.core.csv.SafeCsv(w, "\n")) {
            // Identifiers are whatever the input files held: through SafeCsv like every CSV we write.
            p.printRecord("source", "identifier", "cluster", "match_probability");
            for (int i = 0; i < records.size(); i++) {
                p.printRecord(records.get(i).source(), records.get(i).recordId(), clusterName.get(result.clusterOf()[i]),
                        jp.mimamori.core.csv.SafeCsv.decimal(result.bestProbability()[i], 4));
            }
        }
        if (reviewOut != null) {
            try (Writer w = Files.newBufferedWriter(reviewOut, StandardCharsets.UTF_8);
                 jp.mimamori.core.csv.SafeCsv p = new jp.mimamori.core.csv.SafeCsv(w, "\n")) {
                p.printRecord("source_a", "identifier_a", "source_b", "identifier_b", "match_probability", "weight_bits", "contributions");
                for (ScoredPair sp : result.review()) {
                    StringBuilder why = new StringBuilder();
                    for (var c : sp.contributions()) {
                        why.append(why.length() == 0 ? "" : "; ").append(c.labelJa()).append(' ').append(c.levelJa())
                                .append(String.format(" %+.1f", c.bits()));
                    }
                    LinkRecord a = records.get(sp.a());
                    LinkRecord b = records.get(sp.b());
                    p.printRecord(a.source(), a.recordId(), b.source(), b.recordId(), jp.mimamori.core.csv.SafeCsv.decimal(sp.probability(), 4),
                            jp.mimamori.core.csv.SafeCsv.decimal(sp.weight(), 2), why);
                }
            }
        }
        stdout.printf("%,d records → %,d clusters; %,d candidate pairs, %,d linked, %,d left for review%s; %.1f s%n", records.size(),
                clusterName.size(), result.candidatePairs(), result.matchedPairs(), result.review().size(),
                reviewOut == null ? " (write them with --review FILE)" : " (written to " + reviewOut + ")", (System.nanoTime() - t0) / 1e9);
        stdout.printf("日付として読めない生年月日 / birth dates that could not be read: %,d%s%n", unparsedCount,
                unparsed.isEmpty() ? "" : " — " + String.join(", ", unparsed) + (unparsedCount > unparsed.size() ? ", …" : ""));
        for (String note : result.model().notes()) {
            stdout.println("既定値 / default: " + note);
        }
        List<Set<Integer>> trueGroups = column(cfg, "truth", false) == null ? null : groups(truth);
        for (int pass = 0; pass < result.passes().size(); pass++) {
            var bp = result.passes().get(pass);
            stdout.printf("  blocking %d %-48s %,12d comparisons%s%n", pass + 1, bp.name(), bp.comparisons(),
                    bp.skippedBlocks() == 0 ? "" : String.format(", %,d blocks (%,d records) skipped as too large", bp.skippedBlocks(), bp.skippedRecords()));
        }
        if (trueGroups != null) {
            PairwiseQuality q = PairwiseQuality.of(java.util.Arrays.stream(result.clusterOf()).boxed().toList(), truth);
            stdout.printf("against the truth column: pairwise precision %.4f, recall %.4f, F1 %.4f; blocking pair completeness %.4f%n",
                    q.precision(), q.recall(), q.f1(), completeness(records, trueGroups));
        }
        return 0;
    }

    /** Record indices per true entity (records without a truth value are their own). */
    private static List<Set<Integer>> groups(List<String> truth) {
        Map<String, Set<Integer>> m = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i) != null) {
                m.computeIfAbsent(truth.get(i), k -> new java.util.HashSet<>()).add(i);
            }
        }
        return new ArrayList<>(m.values());
    }

    /** The share of true pairs that share at least one blocking key (after the passes' block limits), so that some pass compares them. */
    private static double completeness(List<LinkRecord> records, List<Set<Integer>> groups) {
        long[][] keys = LinkageEngine.blockingHashes(records);
        long truePairs = 0;
        long compared = 0;
        for (Set<Integer> g : groups) {
            List<Integer> members = List.copyOf(g);
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    truePairs++;
                    for (long[] pass : keys) {
                        if (pass[members.get(i)] != 0 && pass[members.get(i)] == pass[members.get(j)]) {
                            compared++;
                            break;
                        }
                    }
                }
            }
        }
        return truePairs == 0 ? 1 : compared / (double) truePairs;
    }

    private static String column(Map<?, ?> cfg, String role, boolean required) {
        Object v = cfg.get(role);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("設定に " + role + " がありません / the config has no '" + role + "' column");
            }
            return null;
        }
        return String.valueOf(v).strip();
    }

    private static String get(CSVRecord row, Map<String, String> header, Map<?, ?> cfg, String role) {
        String c = column(cfg, role, false);
        if (c == null) {
            return null;
        }
        String v = row.get(header.get(c));
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String address(CSVRecord row, Map<String, String> header, Map<?, ?> cfg) {
        Object v = cfg.get("address");
        if (v == null) {
            return null;
        }
        List<String> cols = v instanceof List<?> l ? l.stream().map(o -> String.valueOf(o).strip()).toList() : List.of(String.valueOf(v).strip());
        StringBuilder b = new StringBuilder();
        for (String c : cols) {
            if (!header.containsKey(c)) {
                throw new IllegalArgumentException("列がありません / no column '" + c + "' for address");
            }
            String x = row.get(header.get(c));
            if (x != null && !x.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(x.strip());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}
