package jp.mimamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.mimamori.core.link.Contribution;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.PairwiseQuality;
import jp.mimamori.core.link.ScoredPair;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;

/**
 * What the linkage got wrong on a synthetic city, grouped by the pattern of field levels a reviewer
 * would see: the false links (records of two true persons in one cluster) and the missed ones (one
 * true person in two clusters, with whether the pair scored as a link, for review, or low). A
 * class of mistakes shows as one large pattern; this is how the next change to the engine is chosen.
 * {@code ./mimamori bench mistakes RESIDENTS DIR [no-ids]}: the city is generated into DIR once.
 */
public final class LinkMistakes {

    private static final int EXAMPLES = 5;

    private LinkMistakes() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 110_000;
        Path city = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mimamori-bench-mistakes");
        boolean ids = args.length < 3 || !args[2].equals("no-ids");
        if (!Files.exists(city.resolve("truth"))) {
            SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), city), m -> { });
        }
        CityRecords.Loaded in = CityRecords.load(city, ids);
        List<LinkRecord> rs = in.records();
        List<String> truth = in.truePerson();
        LinkageEngine engine = new LinkageEngine();
        long t0 = System.nanoTime();
        LinkResult r = engine.link(rs);
        int[] cluster = r.clusterOf();
        PairwiseQuality q = PairwiseQuality.of(Arrays.stream(cluster).boxed().toList(), truth);
        System.out.printf("%,d records%s, link %.1f s, %,d candidate pairs; precision %.4f, recall %.4f; %,d pairs for review, %,d links refused by a constraint%n",
                rs.size(), ids ? "" : " (no shared identifiers)", (System.nanoTime() - t0) / 1e9, r.candidatePairs(), q.precision(), q.recall(),
                r.review().size(), r.refusedByConstraint());

        Map<Integer, List<Integer>> byCluster = group(cluster.length, i -> cluster[i]);
        Map<String, Integer> falsePatterns = new TreeMap<>();
        List<String> falseExamples = new ArrayList<>();
        for (List<Integer> c : byCluster.values()) {
            Set<String> persons = new HashSet<>();
            c.forEach(i -> persons.add(truth.get(i)));
            if (persons.size() > 1) {
                forEachPair(c, (a, b) -> {
                    if (!truth.get(a).equals(truth.get(b))) {
                        tally(engine, r, rs, a, b, falsePatterns, falseExamples);
                    }
                });
            }
        }
        print("false links (pairs of records of two people in one cluster)", falsePatterns, falseExamples);

        Map<String, List<Integer>> byPerson = new HashMap<>();
        for (int i = 0; i < rs.size(); i++) {
            byPerson.computeIfAbsent(truth.get(i), k -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> missedPatterns = new TreeMap<>();
        List<String> missedExamples = new ArrayList<>();
        for (List<Integer> g : byPerson.values()) {
            forEachPair(g, (a, b) -> {
                if (cluster[a] != cluster[b]) {
                    tally(engine, r, rs, a, b, missedPatterns, missedExamples);
                }
            });
        }
        print("missed links (pairs of one person's records in two clusters)", missedPatterns, missedExamples);
    }

    private interface IntToInt {
        int apply(int i);
    }

    private interface PairAction {
        void accept(int a, int b);
    }

    private static Map<Integer, List<Integer>> group(int n, IntToInt key) {
        Map<Integer, List<Integer>> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static void forEachPair(List<Integer> members, PairAction action) {
        for (int x = 0; x < members.size(); x++) {
            for (int y = x + 1; y < members.size(); y++) {
                action.accept(members.get(x), members.get(y));
            }
        }
    }

    private static void tally(LinkageEngine engine, LinkResult r, List<LinkRecord> rs, int a, int b, Map<String, Integer> patterns, List<String> examples) {
        ScoredPair sp = engine.explain(r.model(), rs, a, b);
        StringBuilder pattern = new StringBuilder(rs.get(a).source() + "~" + rs.get(b).source());
        for (Contribution c : sp.contributions()) {
            pattern.append("  ").append(c.labelJa()).append(':').append(c.field() == null ? "規則" : c.levelJa());
        }
        pattern.append(sp.probability() >= LinkageEngine.MATCH ? "  [≥0.99]" : sp.probability() >= LinkageEngine.REVIEW ? "  [review]" : "  [low]");
        patterns.merge(pattern.toString(), 1, Integer::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(String.format("  p=%.4f%n    %s%n    %s", sp.probability(), rs.get(a), rs.get(b)));
        }
    }

    private static void print(String title, Map<String, Integer> patterns, List<String> examples) {
        System.out.printf("%n%s: %,d%n", title, patterns.values().stream().mapToLong(Integer::longValue).sum());
        patterns.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(25)
                .forEach(e -> System.out.printf("%,8d  %s%n", e.getValue(), e.getKey()));
        System.out.println("examples:");
        examples.forEach(System.out::println);
    }
}
