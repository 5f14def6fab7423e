package jp.mimamori.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * How well the assessment finds the children in need whose families have not come forward, on a
 * synthetic city where the truth is known: generates a city (seed 2027 by default, one the tests never
 * use), runs the real ingest, link, assess and export commands, and compares the model's ranking with a
 * single rule (public assistance or 児童扶養手当) and with random order at the top 1%, 2% and 5%:
 * recall and precision of the hidden in-need children, AUC, calibration by decile, and recall at 5%
 * within groups (single-parent vs two-parent households, foreign vs Japanese, with and without
 * disability). Then twice more: with the scores calibrated to the city's true share in need (as a city
 * would give it from a survey: {@code assess --class-prior}), to show calibration before and after;
 * and with the disability indicators excluded from the model's inputs ({@code assess --exclude}), to
 * show what such an exclusion does to each group.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {
    }

    record Child(String id, double score, int rank, boolean hiddenNeed, boolean rule, boolean singleParent, boolean foreign, boolean disability) {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 110_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2027;
        CityPipeline.linked("model", residents, seed, (jar, city, data, tmp) -> {
            SearchTiming.run(jar, "2g", "assess", "--data-dir", data);
            SearchTiming.run(jar, "1g", "export-scores", "--data-dir", data, "--indicators", tmp.resolve("scores.csv").toString());
            SearchTiming.run(jar, "1g", "export-links", "--data-dir", data, tmp.resolve("links.csv").toString());
            List<Child> plain = load(city, tmp, "scores.csv");
            report(plain, seed);

            double prior = truePrior(city);
            System.out.printf("%n== calibrated to the true share in need among all children, %.4f (assess --class-prior) ==%n", prior);
            SearchTiming.run(jar, "2g", "assess", "--data-dir", data, "--class-prior", Double.toString(prior));
            SearchTiming.run(jar, "1g", "export-scores", "--data-dir", data, "--indicators", tmp.resolve("scores-prior.csv").toString());
            List<Child> calibrated = load(city, tmp, "scores-prior.csv");
            System.out.printf("expected calibration error (10 equal bins): Elkan–Noto alone %.3f, calibrated to the prior %.3f%n", ece(plain), ece(calibrated));
            calibration(calibrated);

            System.out.printf("%n== the disability indicators excluded from the model (assess --exclude DISABILITY_CHILD,DISABILITY_PARENT) ==%n");
            SearchTiming.run(jar, "2g", "assess", "--data-dir", data, "--exclude", "DISABILITY_CHILD,DISABILITY_PARENT");
            SearchTiming.run(jar, "1g", "export-scores", "--data-dir", data, "--indicators", tmp.resolve("scores-excluded.csv").toString());
            List<Child> excluded = load(city, tmp, "scores-excluded.csv");
            int k5 = (int) Math.round(excluded.size() * 0.05);
            List<Child> before = new ArrayList<>(plain);
            before.sort(Comparator.comparingInt(Child::rank));
            List<Child> after = new ArrayList<>(excluded);
            after.sort(Comparator.comparingInt(Child::rank));
            System.out.println("recall at the top 5% within groups (all inputs / disability excluded):");
            group("with a disability", Child::disability, before, after, k5, "all inputs", "excluded");
            group("without a disability", c -> !c.disability(), before, after, k5, "all inputs", "excluded");
            group("all children", c -> true, before, after, k5, "all inputs", "excluded");
        });
    }

    /** The share of resident children who truly need support, came forward or not: what a city would give as its prior. */
    static double truePrior(Path city) throws Exception {
        java.time.LocalDate asOf = java.time.LocalDate.of(2026, 4, 30);
        long children = 0;
        long need = 0;
        for (CSVRecord p : csv(city.resolve("truth/persons.csv"))) {
            if (p.get("status").equals("RESIDENT") && java.time.Period.between(java.time.LocalDate.parse(p.get("birth_date")), asOf).getYears() < 18) {
                children++;
                need += p.get("needs_support").equals("1") ? 1 : 0;
            }
        }
        return need / (double) children;
    }

    /** Mean absolute gap between mean score and the share truly in need (and not come forward) over ten equal bins by score. */
    static double ece(List<Child> children) {
        List<Child> byScore = new ArrayList<>(children);
        byScore.sort(Comparator.comparingDouble(Child::score));
        int n = byScore.size();
        double sum = 0;
        for (int d = 0; d < 10; d++) {
            List<Child> bin = byScore.subList(d * n / 10, (d + 1) * n / 10);
            sum += Math.abs(bin.stream().mapToDouble(Child::score).average().orElse(0) - bin.stream().filter(Child::hiddenNeed).count() / (double) bin.size());
        }
        return sum / 10;
    }

    static List<CSVRecord> csv(Path f) throws Exception {
        try (Reader r = Files.newBufferedReader(f)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static List<Child> load(Path city, Path tmp, String scores) throws Exception {
        Map<String, String> truthOfRecord = new HashMap<>();
        for (CSVRecord r : csv(city.resolve("truth/records.csv"))) {
            if (r.get("source").equals("juki")) {
                truthOfRecord.put(r.get("record_id"), r.get("person_id"));
            }
        }
        Map<String, String> truthOfChild = new HashMap<>();
        for (CSVRecord r : csv(tmp.resolve("links.csv"))) {
            if (r.get("source").equals("juki") && !r.get("child_id").isEmpty() && truthOfRecord.containsKey(r.get("source_record_id"))) {
                truthOfChild.put(r.get("child_id"), truthOfRecord.get(r.get("source_record_id")));
            }
        }
        Map<String, String> type = new HashMap<>();
        for (CSVRecord h : csv(city.resolve("truth/households.csv"))) {
            type.put(h.get("household_id"), h.get("type"));
        }
        Map<String, CSVRecord> persons = new HashMap<>();
        for (CSVRecord p : csv(city.resolve("truth/persons.csv"))) {
            persons.put(p.get("person_id"), p);
        }
        List<Child> out = new ArrayList<>();
        for (CSVRecord s : csv(tmp.resolve(scores))) {
            CSVRecord p = persons.get(truthOfChild.get(s.get("child_id")));
            if (p == null) {
                continue; // a child the linkage could not tie to a registry record
            }
            out.add(new Child(s.get("child_id"), Double.parseDouble(s.get("score")), Integer.parseInt(s.get("rank")),
                    p.get("needs_support").equals("1") && p.get("came_forward").equals("0"),
                    s.get("public_assistance").equals("1") || s.get("child_rearing_allowance").equals("1"),
                    type.getOrDefault(p.get("household_id"), "").startsWith("SINGLE_"), !p.get("nationality").equals("JP"),
                    !p.get("disability").equals("0")));
        }
        return out;
    }

    static void report(List<Child> children, long seed) {
        int n = children.size();
        long hidden = children.stream().filter(Child::hiddenNeed).count();
        List<Child> model = new ArrayList<>(children);
        model.sort(Comparator.comparingInt(Child::rank));
        List<Child> random = new ArrayList<>(children);
        Collections.shuffle(random, new Random(seed));
        // The rule's children first (in random order), then everyone else (in random order).
        List<Child> rule = new ArrayList<>(random);
        rule.sort(Comparator.comparing((Child c) -> !c.rule()));
        long ruleSize = children.stream().filter(Child::rule).count();
        System.out.printf("%nchildren ranked (families not come forward): %,d; hidden in need (truth): %,d (%.1f%%); the single rule selects %,d%n",
                n, hidden, 100.0 * hidden / n, ruleSize);
        System.out.printf("%-28s %8s %10s %10s%n", "ranking", "top", "recall", "precision");
        for (double cut : new double[] {0.01, 0.02, 0.05}) {
            int k = (int) Math.round(n * cut);
            for (var e : List.of(Map.entry("model (PU XGBoost)", model), Map.entry("rule: 生活保護 or 児童扶養手当", rule), Map.entry("random", random))) {
                long found = e.getValue().subList(0, k).stream().filter(Child::hiddenNeed).count();
                System.out.printf("%-28s %7.0f%% %10.3f %10.3f%n", e.getKey(), cut * 100, found / (double) hidden, found / (double) k);
            }
        }
        System.out.printf("AUC (model ranking, hidden in need vs not): %.3f%n", auc(children));
        calibration(children);
        int k5 = (int) Math.round(n * 0.05);
        System.out.println("recall at the top 5% within groups (model / rule):");
        group("single-parent household", Child::singleParent, model, rule, k5);
        group("two-parent or other", c -> !c.singleParent(), model, rule, k5);
        group("foreign nationality", Child::foreign, model, rule, k5);
        group("Japanese nationality", c -> !c.foreign(), model, rule, k5);
        group("with a disability", Child::disability, model, rule, k5);
        group("without a disability", c -> !c.disability(), model, rule, k5);
    }

    static void calibration(List<Child> children) {
        int n = children.size();
        System.out.println("calibration by score decile (mean score vs share truly in need and not come forward):");
        List<Child> byScore = new ArrayList<>(children);
        byScore.sort(Comparator.comparingDouble(Child::score));
        for (int d = 0; d < 10; d++) {
            List<Child> bin = byScore.subList(d * n / 10, (d + 1) * n / 10);
            System.out.printf("  decile %2d: mean score %.3f, in need %.3f%n", d + 1, bin.stream().mapToDouble(Child::score).average().orElse(0),
                    bin.stream().filter(Child::hiddenNeed).count() / (double) bin.size());
        }
    }

    static void group(String name, Predicate<Child> in, List<Child> model, List<Child> rule, int k) {
        group(name, in, model, rule, k, "model", "rule");
    }

    static void group(String name, Predicate<Child> in, List<Child> a, List<Child> b, int k, String labelA, String labelB) {
        long hidden = a.stream().filter(in).filter(Child::hiddenNeed).count();
        long m = a.subList(0, k).stream().filter(in).filter(Child::hiddenNeed).count();
        long r = b.subList(0, k).stream().filter(in).filter(Child::hiddenNeed).count();
        System.out.printf("  %-26s hidden in need %,5d: %s %.3f, %s %.3f%n", name, hidden, labelA, hidden == 0 ? 0 : m / (double) hidden,
                labelB, hidden == 0 ? 0 : r / (double) hidden);
    }

    /**
     * Probability that a random hidden-in-need child is ranked above a random other child. By rank, not
     * score: without a given prior the scores are capped at 1 and tie, while the ranking uses the
     * classifier's uncapped output.
     */
    static double auc(List<Child> children) {
        List<Child> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparingDouble((Child c) -> -c.rank()));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).rank() == sorted.get(i).rank()) {
                j++;
            }
            double avgRank = (i + 1 + j) / 2.0;
            for (int t = i; t < j; t++) {
                if (sorted.get(t).hiddenNeed()) {
                    rankSum += avgRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = sorted.size() - pos;
        return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
