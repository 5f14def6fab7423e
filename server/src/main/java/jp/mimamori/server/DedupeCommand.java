package jp.mimamori.server;

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
import java.util.concurrent.Callable;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.extract.FileEncoding;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.synth.PairwiseQuality;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mimamori dedupe --config CFG IN.csv OUT.csv}: the linkage engine on any CSV, its columns
 * mapped to roles, so it can be checked against public benchmarks that have nothing to do with Japan.
 * No database; anyone may run it on their own files.
 */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = {"Find the records of one CSV that are the same person, with the same engine as 名寄せ.",
            "CFG (YAML) maps columns to roles: identifier (required); name, or surname and given_name; kana; birth_date;",
            "sex; address (a column or a list of columns, joined); truth (optional: a true-entity column, to print precision and recall);",
            "encoding (UTF-8 default, CP932, detect). Writes OUT.csv: identifier,cluster,match_probability."})
public final class DedupeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "YAML file mapping columns to roles.")
    Path config;

    @Parameters(index = "0", paramLabel = "IN.csv", description = "Input CSV with a header row.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.csv", description = "Output CSV.")
    Path out;

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
        String id = column(cfg, "identifier", true);
        Charset cs = cfg.get("encoding") == null ? StandardCharsets.UTF_8 : FileEncoding.of(String.valueOf(cfg.get("encoding"))).charset();
        List<LinkRecord> records = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(in, cs)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
            for (String role : List.of("identifier", "name", "surname", "given_name", "kana", "birth_date", "sex", "truth")) {
                String c = column(cfg, role, false);
                if (c != null && !parser.getHeaderMap().containsKey(c)) {
                    throw new IllegalArgumentException("列がありません / no column '" + c + "' for " + role + " in " + in);
                }
            }
            for (CSVRecord row : parser) {
                String name = get(row, cfg, "name");
                if (name == null) {
                    String sn = get(row, cfg, "surname");
                    String gn = get(row, cfg, "given_name");
                    name = sn == null && gn == null ? null : (sn == null ? "" : sn) + " " + (gn == null ? "" : gn);
                }
                records.add(new LinkRecord("input", row.get(id), name, get(row, cfg, "kana"), date(get(row, cfg, "birth_date")),
                        LinkRecord.sex(get(row, cfg, "sex")), address(row, cfg)));
                truth.add(get(row, cfg, "truth"));
            }
        }
        long t0 = System.nanoTime();
        LinkResult result = new LinkageEngine().link(records);
        Map<Integer, String> clusterName = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            clusterName.merge(result.clusterOf()[i], records.get(i).recordId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("identifier", "cluster", "match_probability");
            for (int i = 0; i < records.size(); i++) {
                double prob = result.bestProbability()[i];
                p.printRecord(records.get(i).recordId(), clusterName.get(result.clusterOf()[i]), String.format("%.4f", Double.isNaN(prob) ? 1.0 : prob));
            }
        }
        stdout.printf("%,d records → %,d clusters; %,d candidate pairs, %,d linked, %,d left for review; %.1f s%n", records.size(),
                clusterName.size(), result.candidatePairs(), result.matchedPairs(), result.review().size(), (System.nanoTime() - t0) / 1e9);
        if (column(cfg, "truth", false) != null) {
            PairwiseQuality q = PairwiseQuality.of(java.util.Arrays.stream(result.clusterOf()).boxed().toList(), truth);
            stdout.printf("against the truth column: pairwise precision %.4f, recall %.4f, F1 %.4f%n", q.precision(), q.recall(), q.f1());
        }
        return 0;
    }

    private static String column(Map<?, ?> cfg, String role, boolean required) {
        Object v = cfg.get(role);
        if (v == null || v instanceof List<?>) {
            if (required && v == null) {
                throw new IllegalArgumentException("設定に " + role + " がありません / the config has no '" + role + "' column");
            }
            return null;
        }
        return String.valueOf(v);
    }

    private static String get(CSVRecord row, Map<?, ?> cfg, String role) {
        String c = column(cfg, role, false);
        if (c == null) {
            return null;
        }
        String v = row.get(c);
        return v == null || v.isBlank() ? null : v;
    }

    private static String address(CSVRecord row, Map<?, ?> cfg) {
        Object v = cfg.get("address");
        if (v == null) {
            return null;
        }
        List<String> cols = v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        StringBuilder b = new StringBuilder();
        for (String c : cols) {
            if (!row.isMapped(c)) {
                throw new IllegalArgumentException("列がありません / no column '" + c + "' for address");
            }
            if (!row.get(c).isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(row.get(c).strip());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Any notation JapaneseDates reads (20240401, 2024-04-01, 2024/4/1, 和暦); anything else counts as missing. */
    private static LocalDate date(String v) {
        if (v == null) {
            return null;
        }
        try {
            return JapaneseDates.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
