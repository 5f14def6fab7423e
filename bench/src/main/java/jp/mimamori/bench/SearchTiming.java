package jp.mimamori.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The centre's child search at city scale: generates the city, loads it with the real {@code ingest}
 * command, links it with {@code link}, then times the real {@code search} command (the same service the
 * search page calls, audit row included) on queries a caseworker types: full names in old kanji forms,
 * readings in hiragana, given names, partial names, 和暦 birth dates and addresses. Target (issue 5):
 * results in under 200 ms at 1,000,000 residents.
 */
public final class SearchTiming {

    private SearchTiming() {
    }

    static final Map<Character, Character> OLD = Map.of('高', '髙', '崎', '﨑', '沢', '澤', '辺', '邊', '斎', '齋', '浜', '濱', '桜', '櫻', '広', '廣');

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CityPipeline.linked("search", residents, 1, (jar, city, data, tmp) -> {
            Path queries = tmp.resolve("queries.txt");
            Files.write(queries, queries(city, 200), StandardCharsets.UTF_8);
            run(jar, "1g", "search", "--data-dir", data, "--timing", "--queries", queries.toString());
            // A second linkage run over the same loads, as a monthly run that carries every ID over.
            System.out.println("second linkage run (IDs carried over, as a monthly run):");
            run(jar, "4g", "link", "--data-dir", data);
        });
    }

    /** Every kind of query, from residents spread evenly over the city. */
    static List<String> queries(Path city, int n) throws Exception {
        Map<String, String> address = new HashMap<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/households.csv"))) {
            for (CSVRecord h : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                address.put(h.get("household_id"), h.get("town") + (h.get("chome").equals("0") ? "" : h.get("chome") + "丁目") + h.get("ban") + "番" + h.get("go") + "号");
            }
        }
        List<CSVRecord> residents = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/persons.csv"))) {
            for (CSVRecord p : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (p.get("status").equals("RESIDENT")) {
                    residents.add(p);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n && i < residents.size(); i++) {
            CSVRecord p = residents.get((int) ((long) i * 7919 % residents.size()));
            String surname = p.get("surname");
            String given = p.get("given_name");
            StringBuilder old = new StringBuilder(surname);
            for (int k = 0; k < old.length(); k++) {
                old.setCharAt(k, OLD.getOrDefault(old.charAt(k), old.charAt(k)));
            }
            String kana = p.get("kana").chars().mapToObj(c -> String.valueOf((char) (c >= 'ァ' && c <= 'ヶ' ? c - 0x60 : c))).reduce("", String::concat);
            switch (out.size() % 6) {
                case 0 -> out.add(old + " " + given);
                case 1 -> out.add(kana);
                case 2 -> out.add(given);
                case 3 -> out.add(surname + given.substring(0, 1));
                case 4 -> out.add(JapaneseDates.format(LocalDate.parse(p.get("birth_date")), DateNotation.WAREKI_KANJI));
                default -> out.add(address.getOrDefault(p.get("household_id"), surname));
            }
        }
        return out;
    }

    static void run(String jar, String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-jar", jar));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        int code = p.waitFor();
        // The search command prints one line per query; show the slowest few and the summary.
        if (args[0].equals("search")) {
            lines.stream().filter(l -> l.contains(" ms  ") && !l.contains("queries,")).sorted(Comparator.comparingDouble(SearchTiming::ms).reversed()).limit(5)
                    .forEach(l -> System.out.println("  slowest: " + l.strip()));
            lines.stream().filter(l -> l.contains("queries,")).forEach(l -> System.out.println("  " + l));
        } else {
            lines.stream().skip(Math.max(0, lines.size() - 3)).forEach(l -> System.out.println("  " + l));
        }
        System.out.printf("%s: exit %d in %.1f s (-Xmx%s)%n", args[0], code, (System.nanoTime() - t0) / 1e9, heap);
    }

    static double ms(String line) {
        try {
            return Double.parseDouble(line.strip().split(" +")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
