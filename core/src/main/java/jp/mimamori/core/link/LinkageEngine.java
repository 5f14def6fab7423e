package jp.mimamori.core.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Probabilistic record linkage (Fellegi–Sunter) of person records across sources:
 * blocking so that cost grows near-linearly, graded comparison of each field, m/u estimated by EM
 * from the data, term-frequency adjustment of name agreement (佐藤 agreeing counts less than
 * 勅使河原), and clustering of matched pairs into persons. Pairs between the two thresholds are
 * returned for a person to decide; they are never merged silently.
 */
public final class LinkageEngine {

    /** Match probability at or above which a pair is linked. */
    public static final double MATCH = 0.99;
    /** Match probability at or above which an unlinked pair goes to the review queue. */
    public static final double REVIEW = 0.50;
    /** A blocking key shared by more records than this is too common to block on (a data problem, not a person). */
    static final int MAX_BLOCK = 5_000;
    static final int MAX_REVIEW = 100_000;

    private final double match;
    private final double review;

    public LinkageEngine() {
        this(MATCH, REVIEW);
    }

    public LinkageEngine(double match, double review) {
        this.match = match;
        this.review = review;
    }

    /**
     * The blocking passes, in order. A pair is compared in the first pass whose key it shares; later
     * passes skip it. Exact birth date and sex catch almost everyone (surname changes and moves
     * included); reading or name with birth year catch mistyped birth dates.
     */
    private static final List<Function<Features, String>> PASSES = List.of(
            f -> f.birth == null ? null : f.birth + "|" + f.sex,
            f -> f.kana == null || f.birth == null ? null : f.kana + "|" + f.birth.getYear(),
            f -> f.fullName == null || f.birth == null ? null : f.fullName + "|" + f.birth.getYear());
    /**
     * Where m is learned. Each session's pairs agree on the fields it blocks on, so those fields are
     * left out of its EM: names, reading and address are learned among pairs born the same day; birth
     * date and sex among pairs with the same name, reading and street (almost surely one person: twins
     * have different names). Pairs with only the same name and birth year are not a learning set: with
     * popular names many are different people, and EM would learn that birth dates often differ.
     */
    private static final List<Function<Features, String>> SESSIONS = List.of(
            f -> f.birth == null ? null : f.birth + "|" + f.sex,
            f -> f.fullName == null || f.kana == null || f.street == null ? null : f.fullName + "|" + f.kana + "|" + f.street);
    private static final List<java.util.Set<Field>> SESSION_BLOCKED = List.of(
            java.util.EnumSet.of(Field.BIRTH, Field.SEX),
            java.util.EnumSet.of(Field.SURNAME, Field.GIVEN, Field.ADDRESS));



    public LinkResult link(List<LinkRecord> records) {
        return link(records, List.of());
    }

    /**
     * Links the records, respecting reviewers' decisions: a pair decided "same" is joined whatever its
     * score; two records decided "different" never end up in one person, directly or through others,
     * and the pair is never queued again.
     */
    public LinkResult link(List<LinkRecord> records, List<Decision> decisions) {
        java.util.Set<Long> different = new java.util.HashSet<>();
        for (Decision d : decisions) {
            if (!d.same()) {
                different.add(pairKey(d.a(), d.b()));
            }
        }
        int n = records.size();
        Features[] fs = new Features[n];
        for (int i = 0; i < n; i++) {
            fs[i] = new Features(records.get(i));
        }
        Map<String, Double> surnameTf = frequencies(fs, f -> f.surname);
        Map<String, Double> givenTf = frequencies(fs, f -> f.given);
        List<String[]> keys = new ArrayList<>();
        for (Features f : fs) {
            String[] k = new String[PASSES.size()];
            for (int p = 0; p < PASSES.size(); p++) {
                k[p] = PASSES.get(p).apply(f);
            }
            keys.add(k);
        }

        Model model = estimate(fs, records);

        UnionFind clusters = new UnionFind(n);
        // Reviewers' "same" decisions first, so that automatic links build on them.
        for (Decision d : decisions) {
            if (d.same()) {
                clusters.union(d.a(), d.b());
            }
        }
        double[] best = new double[n];
        Arrays.fill(best, Double.NaN);
        List<ScoredPair> queue = new ArrayList<>();
        long[] matched = {0};
        long candidates = forEachCandidate(keys, (a, b) -> {
            if (!different.isEmpty() && different.contains(pairKey(a, b))) {
                return;
            }
            int pattern = Comparison.pattern(fs[a], fs[b]);
            double w = weight(model, pattern, fs[a], surnameTf, givenTf);
            double p = probability(w);
            if (p >= match && !wouldJoinSeparated(clusters, a, b, decisions)) {
                clusters.union(a, b);
                matched[0]++;
                best[a] = Double.isNaN(best[a]) ? p : Math.max(best[a], p);
                best[b] = Double.isNaN(best[b]) ? p : Math.max(best[b], p);
            } else if (p >= review && queue.size() < MAX_REVIEW) {
                queue.add(new ScoredPair(a, b, w, p, contributions(model, pattern, fs[a], surnameTf, givenTf)));
            }
        });
        // A review pair whose records were linked through other pairs is decided already.
        queue.removeIf(sp -> clusters.find(sp.a()) == clusters.find(sp.b()));
        queue.sort(Comparator.comparingDouble(ScoredPair::probability).reversed()
                .thenComparing(sp -> records.get(sp.a()).source() + records.get(sp.a()).recordId()));
        int[] clusterOf = new int[n];
        for (int i = 0; i < n; i++) {
            clusterOf[i] = clusters.find(i);
        }
        return new LinkResult(clusterOf, best, List.copyOf(queue), model, candidates, matched[0]);
    }

    /**
     * The model alone (m, u, prior), without scoring or clustering: what explaining a link needs.
     * Reviewers' decisions do not enter the model, only the clustering.
     */
    public Model estimate(List<LinkRecord> records) {
        Features[] fs = new Features[records.size()];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = new Features(records.get(i));
        }
        return estimate(fs, records);
    }

    /** u from random pairs; m from the learning sessions; the prior from the random-pair match rate. */
    private static Model estimate(Features[] fs, List<LinkRecord> records) {
        int n = fs.length;
        int[] canonical = java.util.stream.IntStream.range(0, n).boxed()
                .sorted(Comparator.comparing((Integer i) -> records.get(i).source()).thenComparing(i -> records.get(i).recordId()))
                .mapToInt(Integer::intValue).toArray();
        double[][] u = Model.randomPairU(fs, canonical, 20261123L, Math.min(2_000_000, 50 * n));
        List<Model> sessions = new ArrayList<>();
        long sameDayPairs = 0;
        for (int s = 0; s < SESSIONS.size(); s++) {
            long[] counts = new long[Comparison.patternCount()];
            long pairs = 0;
            for (int[] block : blocks(fs, SESSIONS.get(s)).values()) {
                if (block.length <= MAX_BLOCK) {
                    pairs += (long) block.length * (block.length - 1) / 2;
                    for (int i = 0; i < block.length; i++) {
                        for (int j = i + 1; j < block.length; j++) {
                            counts[Comparison.pattern(fs[block[i]], fs[block[j]])]++;
                        }
                    }
                }
            }
            if (s == 0) {
                sameDayPairs = pairs;
            }
            sessions.add(Model.estimate(counts, u, SESSION_BLOCKED.get(s), 200));
        }
        Model model = Model.combine(sessions, SESSION_BLOCKED, u);
        // u is the random-pair rate, so the prior must be too: the expected number of matching pairs
        // (nearly all of them share a birth date, hence session 0's λ) over all pairs of records.
        double allPairs = Math.max(1.0, n * (n - 1.0) / 2);
        model.lambda = Math.min(0.5, Math.max(1e-12, sessions.get(0).lambda() * sameDayPairs / allPairs));
        return model;
    }

    /** Why two records were (or were not) linked: every field's contribution with the model of a run. */
    public ScoredPair explain(Model model, List<LinkRecord> records, int a, int b) {
        return explain(model, records, a, List.of(b)).get(0);
    }

    /** {@link #explain(Model, List, int, int)} for one record against several, preparing the comparison keys once. */
    public List<ScoredPair> explain(Model model, List<LinkRecord> records, int a, List<Integer> others) {
        Features[] fs = new Features[records.size()];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = new Features(records.get(i));
        }
        Map<String, Double> surnameTf = frequencies(fs, f -> f.surname);
        Map<String, Double> givenTf = frequencies(fs, f -> f.given);
        List<ScoredPair> out = new ArrayList<>(others.size());
        for (int b : others) {
            int pattern = Comparison.pattern(fs[a], fs[b]);
            double w = weight(model, pattern, fs[a], surnameTf, givenTf);
            out.add(new ScoredPair(a, b, w, probability(w), contributions(model, pattern, fs[a], surnameTf, givenTf)));
        }
        return out;
    }

    /**
     * True when joining a's and b's clusters would put two records a reviewer called different people
     * into one person, directly or through others.
     */
    private static boolean wouldJoinSeparated(UnionFind clusters, int a, int b, List<Decision> decisions) {
        int ra = clusters.find(a);
        int rb = clusters.find(b);
        if (ra == rb) {
            return false;
        }
        for (Decision d : decisions) {
            if (!d.same()) {
                int x = clusters.find(d.a());
                int y = clusters.find(d.b());
                if ((x == ra && y == rb) || (x == rb && y == ra)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long pairKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    static double probability(double weight) {
        return 1 / (1 + Math.pow(2, -weight));
    }

    /** Prior log-odds (random-pair match rate) plus every field's weight; allocation-free, it runs for every candidate pair. */
    private static double weight(Model model, int pattern, Features a, Map<String, Double> surnameTf, Map<String, Double> givenTf) {
        double w = model.priorWeight();
        for (Field f : Comparison.FIELDS) {
            w += fieldWeight(model, f, Comparison.levelOf(pattern, f), a, surnameTf, givenTf);
        }
        return w;
    }

    private static List<Contribution> contributions(Model model, int pattern, Features a, Map<String, Double> surnameTf, Map<String, Double> givenTf) {
        List<Contribution> list = new ArrayList<>(Comparison.FIELDS.length);
        for (Field f : Comparison.FIELDS) {
            int level = Comparison.levelOf(pattern, f);
            list.add(new Contribution(f, level, f.levelJa(level), fieldWeight(model, f, level, a, surnameTf, givenTf)));
        }
        return list;
    }

    /**
     * log2(m/u); for exact name agreement u is the value's own frequency, so a rare name agreeing is
     * strong evidence and a common one weak.
     */
    private static double fieldWeight(Model model, Field f, int level, Features a, Map<String, Double> surnameTf, Map<String, Double> givenTf) {
        if (level == 0 && f == Field.SURNAME) {
            return log2(model.m(f, 0) / surnameTf.getOrDefault(a.surname, model.u(f, 0)));
        }
        if (level == 0 && f == Field.GIVEN) {
            return log2(model.m(f, 0) / givenTf.getOrDefault(a.given, model.u(f, 0)));
        }
        return model.weight(f, level);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Map<String, Double> frequencies(Features[] fs, Function<Features, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (Features f : fs) {
            String k = key.apply(f);
            if (k != null) {
                counts.merge(k, 1, Integer::sum);
                total++;
            }
        }
        Map<String, Double> tf = new HashMap<>(counts.size() * 2);
        int t = Math.max(1, total);
        counts.forEach((k, c) -> tf.put(k, c / (double) t));
        return tf;
    }

    interface PairConsumer {
        void accept(int a, int b);
    }

    /** Calls back once for every candidate pair, in the first pass whose block holds it; returns the number of pairs. */
    private static long forEachCandidate(List<String[]> keys, PairConsumer consumer) {
        long pairs = 0;
        for (int pass = 0; pass < PASSES.size(); pass++) {
            Map<String, int[]> blocks = blocks(keys, pass);
            for (int[] block : blocks.values()) {
                if (block.length < 2 || block.length > MAX_BLOCK) {
                    continue;
                }
                for (int i = 0; i < block.length; i++) {
                    for (int j = i + 1; j < block.length; j++) {
                        int a = block[i];
                        int b = block[j];
                        if (!sharedEarlierPass(keys.get(a), keys.get(b), pass)) {
                            consumer.accept(a, b);
                            pairs++;
                        }
                    }
                }
            }
        }
        return pairs;
    }

    private static boolean sharedEarlierPass(String[] a, String[] b, int pass) {
        for (int p = 0; p < pass; p++) {
            if (a[p] != null && a[p].equals(b[p])) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, int[]> blocks(Features[] fs, Function<Features, String> key) {
        List<String[]> keys = new ArrayList<>(fs.length);
        for (Features f : fs) {
            keys.add(new String[] {key.apply(f)});
        }
        return blocks(keys, 0);
    }

    private static Map<String, int[]> blocks(List<String[]> keys, int pass) {
        Map<String, int[]> sizes = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (String[] k : keys) {
            if (k[pass] != null) {
                count.merge(k[pass], 1, Integer::sum);
            }
        }
        Map<String, Integer> fill = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i)[pass];
            if (k == null) {
                continue;
            }
            int[] block = sizes.computeIfAbsent(k, x -> new int[count.get(x)]);
            block[fill.merge(k, 1, Integer::sum) - 1] = i;
        }
        return sizes;
    }

    /** Disjoint sets with path halving and union by size. */
    static final class UnionFind {
        private final int[] parent;
        private final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }
}
