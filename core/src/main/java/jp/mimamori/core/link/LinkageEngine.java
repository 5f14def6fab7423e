package jp.mimamori.core.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Probabilistic record linkage (Fellegi–Sunter) of person records across sources, split as Splink
 * splits it: blocking (several passes, so that almost no true pair goes uncompared while cost grows
 * near-linearly), graded comparison of each field, m/u estimated from the data by EM (no labels),
 * term-frequency adjustment of exact name agreement (佐藤 agreeing counts less than 勅使河原), and
 * clustering of the matched pairs into persons, strongest first, under cannot-link constraints (a
 * reviewer's "different people", two registry records of one household). Two rules correct what the
 * fields' independence gets wrong: twins (same birth date, surname and dwelling, another given name)
 * are two people, and the same name and birth date in another 町 with nothing else agreeing goes to a
 * person, never to a link. Pairs between the thresholds are returned for review; none is merged silently.
 */
public final class LinkageEngine {

    /** Match probability at or above which a pair is linked. */
    public static final double MATCH = 0.99;
    /** Match probability at or above which an unlinked pair goes to the review queue. */
    public static final double REVIEW = 0.50;
    /** Bits taken off a pair that looks like twins (see {@link Comparison#familyOfTwo}). */
    public static final double TWIN_BITS = 20;
    /** A blocking key shared by more records than this is too common to block on (a data problem, not a person). */
    static final int MAX_BLOCK = 5_000;
    static final int MAX_REVIEW = 100_000;
    /** EM counts the patterns of at most about this many pairs per session, chosen by a hash of the block key. */
    static final long EM_PAIRS = 3_000_000;
    /** A session with fewer pairs than this learns nothing (its fields fall back to other sessions or defaults). */
    static final long EM_MIN_PAIRS = 30;
    static final int INDEX_BITS = 24;

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
     * One blocking pass: records sharing its key are compared. A block larger than {@code limit} is
     * split by the {@code refine} key added to the pass key (and what is still too large is dropped
     * from the pass), so a pass costs about the same per record in a city of 20,000 as in a
     * prefecture: only common keys (佐藤 翔太 at a million residents) are refined; rare ones keep their
     * full reach. Whether a pair is compared therefore depends on how common its key is in the run,
     * never on the input order.
     */
    record Pass(String name, Function<Features, String> key, int limit, Function<Features, String> refine) {
        Pass(String name, Function<Features, String> key) {
            this(name, key, MAX_BLOCK, null);
        }
    }

    /** A weak pass's block larger than this is refined: 50 records make 1,225 comparisons. */
    static final int REFINE_ABOVE = 50;

    /**
     * The blocking passes, in order. A pair is compared in the first pass whose key it shares; later
     * passes skip it. The shared identifier and birth date catch almost everyone (surname changes and
     * moves included); the readings with parts of the birth date catch mistyped dates; town (or
     * postcode) with the given name and the full reading catch records whose birth date is wrong or
     * missing; the reading prefixes catch typos in both names at once. The refinements keep what each
     * pass is for: a mistyped birth year keeps its surname's first sound, a mistyped day its month.
     */
    static final List<Pass> PASSES = List.of(
            new Pass("宛名番号 / shared identifier", f -> f.sharedId),
            new Pass("生年月日・性別 / birth date and sex", f -> f.birth == null ? null : f.birthDigits + "|" + f.sex),
            new Pass("姓の読み・生年月 / surname, birth year and month", f -> f.surnameKey() == null || f.birth == null ? null
                    : f.surnameKey() + "|" + f.birthDigits.substring(0, 6), REFINE_ABOVE, f -> String.valueOf(f.sex)),
            new Pass("名の読み・生月日 / given name, birth month and day", f -> f.givenKey() == null || f.birth == null ? null
                    : f.givenKey() + "|" + f.birthDigits.substring(4), REFINE_ABOVE, f -> prefix(f.surnameKey(), 1)),
            // A Japanese 町 holds thousands: with the birth year the block stays small at a million residents.
            // Without a parsed town (a foreign address), the postcode is the place.
            new Pass("町名・名・生年 / town and given name (and birth year), or postcode and given name", f -> {
                if (f.givenKey() == null) {
                    return null;
                }
                if (f.town != null) {
                    return f.birth == null ? null : f.town + "|" + f.givenKey() + "|" + f.birth.getYear();
                }
                return f.postcode == null ? null : f.postcode + "|" + f.givenKey();
            }, REFINE_ABOVE, f -> String.valueOf(f.sex)),
            new Pass("姓名の読み（順不同）/ full name, either order", f -> {
                String s = f.surnameKey();
                String g = f.givenKey();
                if (s == null || g == null) {
                    return f.whole();
                }
                return s.compareTo(g) <= 0 ? s + "|" + g : g + "|" + s;
            }, REFINE_ABOVE, f -> f.birth == null ? null : String.valueOf(f.birth.getYear())),
            new Pass("姓・郵便番号（町名が読めない住所）/ surname and postcode, where the address did not parse",
                    f -> f.surnameKey() == null || f.postcode == null || f.town != null ? null : f.surnameKey() + "|" + f.postcode,
                    REFINE_ABOVE, f -> prefix(f.givenKey(), 1)),
            new Pass("姓・番地 / surname and house number", f -> {
                if (f.surnameKey() == null) {
                    return null;
                }
                if (f.town != null) {
                    return f.surnameKey() + "|" + f.town + "|" + f.chome + "|" + f.ban;
                }
                if (f.addressWords == null || f.addressWords.length < 2) {
                    return null;
                }
                return f.surnameKey() + "|" + f.addressWords[0] + "|" + prefix(f.addressWords[1], 3);
            }, REFINE_ABOVE, f -> String.valueOf(f.sex)),
            new Pass("読みの頭・生年 / name prefixes, birth year", f -> f.surnameKey() == null || f.givenKey() == null || f.birth == null ? null
                    : prefix(f.surnameKey()) + "|" + prefix(f.givenKey()) + "|" + f.birth.getYear(),
                    REFINE_ABOVE, f -> f.birthDigits.substring(4, 6)),
            // An address that did not parse (a foreign one) has no 町 to block on: its postcode and first
            // words are the dwelling, which catches a pair whose names and birth date are all mistyped.
            new Pass("郵便番号・番地（町名が読めない住所）/ postcode and house number, where the address did not parse", f -> {
                if (f.town != null || f.postcode == null || f.addressWords == null || f.addressWords.length < 2) {
                    return null;
                }
                return f.postcode + "|" + f.addressWords[0] + "|" + prefix(f.addressWords[1], 2);
            }, REFINE_ABOVE, f -> prefix(f.surnameKey(), 1)),
            // The street's or the suburb's name is the longest word of such an address and outlives a
            // mistyped house number and postcode; with the given name, it catches a pair whose surname
            // and birth date are both mistyped or missing.
            new Pass("名・住所の主な語（町名が読めない住所）/ given name and the main word of the address, where the address did not parse", f -> {
                String word = f.town != null || f.givenKey() == null ? null : mainWord(f.addressWords);
                return word == null ? null : f.givenKey() + "|" + prefix(word, 4);
            }, REFINE_ABOVE, f -> prefix(f.surnameKey(), 1)));

    /** The longest word without digits (the first of equal length), or null: a street or a suburb, not a house number. */
    private static String mainWord(String[] words) {
        if (words == null) {
            return null;
        }
        String best = null;
        for (String w : words) {
            if (w.length() >= 3 && w.chars().noneMatch(Character::isDigit) && (best == null || w.length() > best.length())) {
                best = w;
            }
        }
        return best;
    }

    /**
     * A learning session: the pairs sharing its key; {@code excluded}, the fields whose m it does not
     * give (its pairs agree on them by construction, or nearly); {@code evidence}, those of them that
     * its EM still reads to tell matches from non-matches.
     */
    private record Session(String name, Function<Features, String> key, Set<Field> excluded, Set<Field> evidence) {
        Session(String name, Function<Features, String> key, Set<Field> excluded) {
            this(name, key, excluded, Set.of());
        }

        Set<Field> ignoredByEm() {
            Set<Field> s = EnumSet.noneOf(Field.class);
            s.addAll(excluded);
            s.removeAll(evidence);
            return s;
        }
    }

    /**
     * Where m is learned. Each session's pairs agree on what it chose them by, so those fields are
     * left out of its EM: names, sex, address and identifier are learned among pairs born the same day;
     * birth date, sex, postcode and identifier among pairs with the same names in the same town; the
     * rest among pairs with the same shared identifier, where there is one. Any set of mapped fields
     * works: a session whose key no record has simply learns nothing, and its fields fall back. The
     * names-and-town session still reads the address as evidence (without giving its m, which the
     * shared town inflates): with the birth date its only informative field, EM could not tell a
     * person whose date was replaced from a namesake, and would learn that a different date never
     * happens (m at its floor, −13 bits), which FEBRL's replaced dates show is wrong.
     */
    private static final List<Session> SESSIONS = List.of(
            new Session("同じ生年月日 / same birth date", f -> f.birthDigits, EnumSet.of(Field.BIRTH)),
            new Session("同じ姓名・町名 / same names and town", f -> {
                if (f.surnameKey() == null || f.givenKey() == null) {
                    return null;
                }
                String place = f.town != null ? f.town : f.postcode;
                return f.surnameKey() + "|" + f.givenKey() + "|" + (place == null ? "" : place);
            }, EnumSet.of(Field.SURNAME, Field.GIVEN, Field.ADDRESS, Field.POSTCODE), EnumSet.of(Field.ADDRESS)),
            new Session("同じ宛名番号 / same shared identifier", f -> f.sharedId, EnumSet.of(Field.SHARED_ID)));

    /** The passes' names, in order. */
    public static List<String> passNames() {
        return PASSES.stream().map(Pass::name).toList();
    }

    public LinkResult link(List<LinkRecord> records) {
        return link(records, List.of());
    }

    public LinkResult link(List<LinkRecord> records, List<Decision> decisions) {
        return link(records, decisions, null);
    }

    /**
     * Links the records, respecting reviewers' decisions: a pair decided "same" is joined whatever its
     * score; two records decided "different" never end up in one person, directly or through others,
     * and the pair is never queued again. With {@code stored} (a model saved by an earlier run) the
     * model is not learned again; only the name frequencies are counted on these records.
     */
    public LinkResult link(List<LinkRecord> records, List<Decision> decisions, Model stored) {
        int n = records.size();
        if (n >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("一度に名寄せできるのは " + ((1 << INDEX_BITS) - 1) + " 件までです（Spark で実行してください） / at most "
                    + ((1 << INDEX_BITS) - 1) + " records in one process: run on Spark");
        }
        Features[] fs = features(records);
        int[] canonical = canonicalOrder(records);
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[canonical[i]] = i;
        }
        Model model = stored != null ? stored.withFrequencies(frequencies(fs, f -> f.surname), frequencies(fs, f -> f.given))
                : estimate(fs, canonical);

        Set<Long> different = new HashSet<>();
        for (Decision d : decisions) {
            if (!d.same()) {
                different.add(pairKey(d.a(), d.b()));
            }
        }
        double[] bestAny = new double[n];
        List<ScoredPair> queue = new ArrayList<>();
        PairList matched = new PairList();
        double matchWeight = log2(match / (1 - match));
        double reviewWeight = log2(review / (1 - review));
        // Pairs between the review and match thresholds (and namesakes above it), and which of them
        // may be linked as each other's sole candidate.
        PairList plausible = new PairList();
        List<Boolean> promotable = new ArrayList<>();
        long[][] skipped = new long[PASSES.size()][];
        long[][] keys = keys(fs, skipped);
        List<BlockingPass> passes = new ArrayList<>();
        long candidates = 0;
        for (int pass = 0; pass < PASSES.size(); pass++) {
            long pairs = forEachCandidate(keys, pass, (a, b) -> {
                if (!different.isEmpty() && different.contains(pairKey(a, b))) {
                    return;
                }
                int[] levels = Comparison.levels(fs[a], fs[b]);
                double w = weight(model, levels, fs[a]);
                double p = probability(w);
                bestAny[a] = Math.max(bestAny[a], p);
                bestAny[b] = Math.max(bestAny[b], p);
                boolean namesake = w >= reviewWeight && heldBack(model, levels, fs[a], fs[b]);
                if (w >= matchWeight && !namesake) {
                    matched.add(a, b, w);
                } else if (w >= reviewWeight) {
                    plausible.add(a, b, w);
                    promotable.add(!namesake && w >= SOLE_WEIGHT);
                    if (queue.size() < MAX_REVIEW) {
                        queue.add(scored(model, a, b, levels, fs[a], fs[b]));
                    }
                }
            });
            candidates += pairs;
            passes.add(new BlockingPass(PASSES.get(pass).name(), pairs, skipped[pass][0], skipped[pass][1]));
        }
        boolean[] soleAllowed = new boolean[promotable.size()];
        for (int k = 0; k < soleAllowed.length; k++) {
            soleAllowed[k] = promotable.get(k);
        }
        Clustered stage = clusterScored(n, fs, decisions, matched, plausible, soleAllowed, rank);
        Clusters clusters = stage.clusters();
        boolean[] ambiguous = stage.ambiguous();
        double[] bestLinked = stage.bestLinked();
        for (int k = 0; k < matched.size(); k++) {
            int a = matched.a(k);
            int b = matched.b(k);
            if ((ambiguous[a] || ambiguous[b]) && queue.size() < MAX_REVIEW) {
                queue.add(ambiguousBar(scored(model, a, b, Comparison.levels(fs[a], fs[b]), fs[a], fs[b])));
            }
        }
        long linked = clusters.joined;
        long refused = clusters.refused;
        // A review pair whose records were linked through other pairs is decided already.
        queue.removeIf(sp -> clusters.find(sp.a()) == clusters.find(sp.b()));
        queue.sort(Comparator.comparingDouble(ScoredPair::probability).reversed()
                .thenComparingInt(sp -> Math.min(rank[sp.a()], rank[sp.b()])).thenComparingInt(sp -> Math.max(rank[sp.a()], rank[sp.b()])));
        int[] clusterOf = new int[n];
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            clusterOf[i] = clusters.find(i);
            best[i] = Double.isNaN(bestLinked[i]) ? bestAny[i] : bestLinked[i];
        }
        return new LinkResult(clusterOf, best, List.copyOf(queue), model, candidates, linked, List.copyOf(passes), refused);
    }

    /**
     * A pair below the match threshold but at least this likely is linked when each of its two
     * people has no other candidate at all: a tax record with last year's address whose name and
     * birth date only one resident of the city has, a school's attendance row (name, birth date and
     * sex only) whose child is the only one of that name born that day. The pair's probability
     * counts every record of the city as a possible partner; knowing there is exactly one candidate
     * is evidence it cannot see. A namesake elsewhere is never linked this way, and a second
     * candidate person (a twin, a namesake in the registry) leaves the pair to review.
     */
    static final double SOLE = 0.90;
    static final double SOLE_WEIGHT = log2(SOLE / (1 - SOLE));

    /**
     * A namesake rule holds the pair back from a link (and from the sole-candidate step) whatever its
     * score: the same name and birth date in another 町, or the same name a generation apart.
     */
    static boolean heldBack(Model model, int[] levels, Features a, Features b) {
        return Comparison.namesakeElsewhere(levels, a, b) || (model.twinBits > 0 && Comparison.sameNameOtherGeneration(levels));
    }


    /**
     * Joins, strongest first, the sole-candidate pairs of {@link #SOLE}: the two clusters are each
     * other's strongest neighbour, and neither has another neighbouring cluster (through a matched
     * pair a constraint refused, or any pair in review) within {@link #AMBIGUITY_BITS} of the pair.
     * A weak pair with a parent at the same address is no rival; a twin or a namesake is. Decided on
     * the clusters as they were, then joined, so one such link never qualifies another. Returns the
     * links made.
     */
    private static long joinSoleCandidates(Clusters clusters, PairList matched, PairList plausible, boolean[] promotable, int[] order,
                                           boolean[] skip) {
        int n = clusters.size();
        double[] bestW = new double[n];
        double[] secondW = new double[n];
        int[] bestN = new int[n];
        Arrays.fill(bestW, Double.NEGATIVE_INFINITY);
        Arrays.fill(secondW, Double.NEGATIVE_INFINITY);
        Arrays.fill(bestN, -1);
        for (PairList list : List.of(matched, plausible)) {
            for (int k = 0; k < list.size(); k++) {
                int ca = clusters.find(list.a(k));
                int cb = clusters.find(list.b(k));
                if (ca != cb) {
                    neighbour(ca, cb, list.weight(k), bestW, secondW, bestN);
                    neighbour(cb, ca, list.weight(k), bestW, secondW, bestN);
                }
            }
        }
        List<int[]> joins = new ArrayList<>();
        for (int k : order) {
            int a = plausible.a(k);
            int b = plausible.b(k);
            if (!promotable[k] || skip != null && (skip[a] || skip[b])) {
                continue;
            }
            int ca = clusters.find(a);
            int cb = clusters.find(b);
            double rival = plausible.weight(k) - AMBIGUITY_BITS;
            if (ca != cb && bestN[ca] == cb && bestN[cb] == ca && secondW[ca] < rival && secondW[cb] < rival) {
                joins.add(new int[] {a, b});
            }
        }
        long joined = 0;
        for (int[] j : joins) {
            joined += clusters.union(j[0], j[1]) == Clusters.JOINED ? 1 : 0;
        }
        return joined;
    }

    /** Records that cluster c meets cluster other with weight w: its strongest neighbour, and the strongest of the rest. */
    private static void neighbour(int c, int other, double w, double[] bestW, double[] secondW, int[] bestN) {
        if (bestN[c] == other) {
            bestW[c] = Math.max(bestW[c], w);
        } else if (w > bestW[c]) {
            // The old best becomes a rival; every earlier edge to `other` was at most the old best.
            secondW[c] = Math.max(secondW[c], bestW[c]);
            bestW[c] = w;
            bestN[c] = other;
        } else {
            secondW[c] = Math.max(secondW[c], w);
        }
    }

    /** What the clustering stage gives: the persons, the records that fit two people, each record's best kept link (NaN: none). */
    record Clustered(Clusters clusters, boolean[] ambiguous, double[] bestLinked) {
    }

    /**
     * The clustering stage of {@link #link}, from the scored pairs on: matched pairs strongest first
     * (ties in canonical order, so the input order never matters) under the constraints and the
     * reviewers' decisions, the sole candidates among the plausible pairs, then the records that fit
     * two people clustered again without their links. Everything it reads lies within one connected
     * component of matched pairs, plausible pairs and "same" decisions, so a distributed run calls it
     * once per component ({@link LinkPieces#clusterComponent}) and gets what one process gets.
     */
    static Clustered clusterScored(int n, Features[] fs, List<Decision> decisions, PairList matched, PairList plausible, boolean[] promotable,
                                   int[] rank) {
        // Strongest links first, so that a constraint refuses the weaker of two rival links.
        int[] order = matched.order(rank);
        Clusters first = cluster(n, fs, decisions, matched, order, null);
        int[] soleOrder = plausible.order(rank);
        joinSoleCandidates(first, matched, plausible, promotable, soleOrder, null);
        // A record whose link was refused (its partner belongs to someone it cannot be joined with)
        // nearly as strongly as its accepted one fits two people equally well: a record with name and
        // birth date only, between two namesakes or twins. It is not linked on a coin's toss but
        // clustered again without its links, which go to review.
        boolean[] ambiguous = ambiguous(n, matched, first);
        boolean any = false;
        for (boolean x : ambiguous) {
            any |= x;
        }
        Clusters clusters = first;
        if (any) {
            clusters = cluster(n, fs, decisions, matched, order, ambiguous);
            joinSoleCandidates(clusters, matched, plausible, promotable, soleOrder, ambiguous);
        }
        double[] bestLinked = new double[n];
        Arrays.fill(bestLinked, Double.NaN);
        for (int k : order) {
            int a = matched.a(k);
            int b = matched.b(k);
            if (clusters.find(a) != clusters.find(b) || ambiguous[a] || ambiguous[b]) {
                continue;
            }
            double p = probability(matched.weight(k));
            bestLinked[a] = Double.isNaN(bestLinked[a]) ? p : Math.max(bestLinked[a], p);
            bestLinked[b] = Double.isNaN(bestLinked[b]) ? p : Math.max(bestLinked[b], p);
        }
        return new Clustered(clusters, ambiguous, bestLinked);
    }

    /** Bits within which a refused link counts as rivalling the accepted one (16 times the odds). */
    static final double AMBIGUITY_BITS = 4;

    /** Reviewers' decisions first, then the matched pairs in order, except those touching a skipped record. */
    static Clusters cluster(int n, Features[] fs, List<Decision> decisions, PairList matched, int[] order, boolean[] skip) {
        Clusters clusters = new Clusters(n, fs);
        for (Decision d : decisions) {
            if (d.same()) {
                clusters.forceUnion(d.a(), d.b());
            } else {
                clusters.separate(d.a(), d.b());
            }
        }
        for (int k : order) {
            int a = matched.a(k);
            int b = matched.b(k);
            if (skip == null || !(skip[a] || skip[b])) {
                clusters.union(a, b);
            }
        }
        return clusters;
    }

    /** Records with a refused link within {@link #AMBIGUITY_BITS} of their strongest accepted one. */
    static boolean[] ambiguous(int n, PairList matched, Clusters clusters) {
        double[] accepted = new double[n];
        double[] refused = new double[n];
        Arrays.fill(accepted, Double.NEGATIVE_INFINITY);
        Arrays.fill(refused, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < matched.size(); k++) {
            int a = matched.a(k);
            int b = matched.b(k);
            double w = matched.weight(k);
            double[] into = clusters.find(a) == clusters.find(b) ? accepted : refused;
            into[a] = Math.max(into[a], w);
            into[b] = Math.max(into[b], w);
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = refused[i] > Double.NEGATIVE_INFINITY && accepted[i] > Double.NEGATIVE_INFINITY && accepted[i] - refused[i] < AMBIGUITY_BITS;
        }
        return out;
    }

    /**
     * The model alone (m, u, prior, name frequencies), without scoring or clustering. Reviewers'
     * decisions do not enter the model, only the clustering.
     */
    public Model estimate(List<LinkRecord> records) {
        return estimate(features(records), canonicalOrder(records));
    }

    private Model estimate(Features[] fs, int[] canonical) {
        int n = fs.length;
        double[][] u = Model.randomPairU(fs, canonical, 20261123L, (int) Math.min(2_000_000L, 50L * n));
        List<Model> sessions = new ArrayList<>();
        List<Set<Field>> excluded = new ArrayList<>();
        List<String> described = new ArrayList<>();
        double[] expectedMatches = new double[SESSIONS.size()];
        for (int s = 0; s < SESSIONS.size(); s++) {
            Session session = SESSIONS.get(s);
            long[] counts = new long[Comparison.patternCount()];
            long[] pairs = countPatterns(fs, session.key(), counts);
            excluded.add(session.excluded());
            if (pairs[1] < EM_MIN_PAIRS) {
                sessions.add(null);
                described.add(session.name() + ": " + pairs[1] + " pairs, not used");
                continue;
            }
            Model m = Model.estimate(counts, u, session.ignoredByEm(), 200);
            sessions.add(m);
            expectedMatches[s] = m.lambda() * pairs[0];
            described.add(session.name() + ": " + pairs[1] + " of " + pairs[0] + " pairs, λ " + String.format("%.4f", m.lambda())
                    + ", " + m.iterations() + " iterations");
        }
        Model model = Model.combine(sessions, excluded, u);
        model.sessions.addAll(described);
        model.match = match;
        model.review = review;
        // u is the random-pair rate, so the prior must be too: the expected number of matching pairs
        // over all pairs of records. Nearly all matches share a birth date, so session 0 counts them;
        // without birth dates the names-and-town session does.
        double allPairs = Math.max(1.0, n * (n - 1.0) / 2);
        double matches = sessions.get(0) != null ? expectedMatches[0] : sessions.get(1) != null ? expectedMatches[1] : -1;
        if (matches < 0) {
            matches = n / 2.0;
            model.notes.add("λ は推定できず既定値（1件につき1件の一致）/ λ could not be estimated: default of one match per two records");
        }
        model.lambda = Math.min(0.5, Math.max(1e-12, matches / allPairs));
        model.surnameTf = frequencies(fs, f -> f.surname);
        model.givenTf = frequencies(fs, f -> f.given);
        // Twins are people of a family: the rule needs data that describes people in families (a sex
        // on most records, or the registry's households). In a list with neither (FEBRL's), nothing
        // says that two records of one dwelling are two people, and a replaced given name is a typo.
        long withSex = Arrays.stream(fs).filter(f -> f.sex != 0).count();
        boolean families = withSex * 2 >= n || Arrays.stream(fs).anyMatch(f -> f.household != null);
        if (!families) {
            model.twinBits = 0;
            model.notes.add("双子・同名別世代の規則は使わない（性別も世帯もないデータ）/ twins and same-name-other-generation rules off: the records carry neither sex nor household");
        }
        return model;
    }

    /**
     * Counts the comparison patterns among the pairs of one session's blocks, sampling whole blocks
     * by a hash of their key (never by input order or an unseeded draw) so at most about
     * {@link #EM_PAIRS} pairs are compared. Returns {all pairs, pairs counted}.
     */
    private static long[] countPatterns(Features[] fs, Function<Features, String> key, long[] counts) {
        long[] hashes = new long[fs.length];
        for (int i = 0; i < fs.length; i++) {
            String k = key.apply(fs[i]);
            hashes[i] = k == null ? 0 : hash(k);
        }
        long[] entries = entries(hashes);
        long total = 0;
        for (int[] run = {0, 0}; nextRun(entries, run); ) {
            long size = run[1] - run[0];
            if (size >= 2 && size <= MAX_BLOCK) {
                total += size * (size - 1) / 2;
            }
        }
        long modulus = Math.max(1, (total + EM_PAIRS - 1) / EM_PAIRS);
        long counted = 0;
        for (int[] run = {0, 0}; nextRun(entries, run); ) {
            int size = run[1] - run[0];
            if (size < 2 || size > MAX_BLOCK || Long.remainderUnsigned(mix(entries[run[0]] >>> INDEX_BITS), modulus) != 0) {
                continue;
            }
            for (int i = run[0]; i < run[1]; i++) {
                int a = index(entries[i]);
                for (int j = i + 1; j < run[1]; j++) {
                    int b = index(entries[j]);
                    if (hashes[a] == hashes[b]) {
                        counts[Comparison.pattern(fs[a], fs[b])]++;
                        counted++;
                    }
                }
            }
        }
        return new long[] {total, counted};
    }

    /** Why two records were (or were not) linked: every field's contribution with the model of a run, and any rule's. */
    public ScoredPair explain(Model model, LinkRecord a, LinkRecord b) {
        Features fa = new Features(a);
        Features fb = new Features(b);
        return scored(model, 0, 1, Comparison.levels(fa, fb), fa, fb);
    }

    public ScoredPair explain(Model model, List<LinkRecord> records, int a, int b) {
        return explain(model, records, a, List.of(b)).get(0);
    }

    /** {@link #explain(Model, List, int, int)} for one record against several; the name frequencies are the model's own. */
    public List<ScoredPair> explain(Model model, List<LinkRecord> records, int a, List<Integer> others) {
        Features fa = new Features(records.get(a));
        List<ScoredPair> out = new ArrayList<>(others.size());
        for (int b : others) {
            Features fb = new Features(records.get(b));
            out.add(scored(model, a, b, Comparison.levels(fa, fb), fa, fb));
        }
        return out;
    }

    /** A linked pair sent to review because one of its records fits two people: its bars and the rule's. */
    static ScoredPair ambiguousBar(ScoredPair sp) {
        List<Contribution> bars = new ArrayList<>(sp.contributions());
        bars.add(Contribution.rule("2人に当てはまる記録", "別人と分かっている2人のどちらにも同じくらい一致する（要確認）", 0));
        return new ScoredPair(sp.a(), sp.b(), sp.weight(), sp.probability(), List.copyOf(bars));
    }

    static ScoredPair scored(Model model, int a, int b, int[] levels, Features fa, Features fb) {
        List<Contribution> list = new ArrayList<>(Comparison.FIELDS.length + 1);
        double w = model.priorWeight();
        for (Field f : Comparison.FIELDS) {
            int level = levels[f.ordinal()];
            double bits = fieldWeight(model, f, level, fa);
            w += bits;
            list.add(new Contribution(f, level, bits));
        }
        if (model.twinBits > 0 && Comparison.familyOfTwo(levels)) {
            w -= model.twinBits;
            list.add(Contribution.rule("双子の可能性", "同じ生年月日・姓・住所で名が異なる（別の子ども）", -model.twinBits));
        } else if (model.twinBits > 0 && Comparison.familyMember(levels)) {
            w -= model.twinBits;
            list.add(Contribution.rule("家族の可能性", "同じ姓・住所で名も生年月日も異なる（親子・きょうだいなど別の人）", -model.twinBits));
        }
        if (probability(w) >= model.match && Comparison.namesakeElsewhere(levels, fa, fb)) {
            list.add(Contribution.rule("同姓同名の可能性", "氏名・生年月日が同じで町名が異なり、他に一致する項目がない（要確認）", 0));
        }
        if (probability(w) >= model.match && model.twinBits > 0 && Comparison.sameNameOtherGeneration(levels)) {
            list.add(Contribution.rule("同名の別世代の可能性", "氏名が同じで生年月日が1年以上違う（親子の同名など、要確認）", 0));
        }
        return new ScoredPair(a, b, w, probability(w), List.copyOf(list));
    }

    public static double probability(double weight) {
        return 1 / (1 + Math.pow(2, -weight));
    }

    /** Prior log-odds plus every field's weight, less the twins rule; allocation-free, it runs for every candidate pair. */
    static double weight(Model model, int[] levels, Features a) {
        double w = model.priorWeight();
        for (Field f : Comparison.FIELDS) {
            w += fieldWeight(model, f, levels[f.ordinal()], a);
        }
        if (model.twinBits > 0 && (Comparison.familyOfTwo(levels) || Comparison.familyMember(levels))) {
            w -= model.twinBits;
        }
        return w;
    }

    /**
     * log2(m/u); for exact name agreement u is the value's own frequency, so a rare name agreeing is
     * strong evidence and a common one weak.
     */
    private static double fieldWeight(Model model, Field f, int level, Features a) {
        if (level == 0 && f == Field.SURNAME && a.surname != null) {
            Double tf = model.surnameTf.get(a.surname);
            if (tf != null) {
                return log2(model.m(f, 0) / Math.max(tf, model.u(f, 0) / 100));
            }
        }
        if (level == 0 && f == Field.GIVEN && a.given != null) {
            Double tf = model.givenTf.get(a.given);
            if (tf != null) {
                return log2(model.m(f, 0) / Math.max(tf, model.u(f, 0) / 100));
            }
        }
        return model.weight(f, level);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static long pairKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    private static String prefix(String s) {
        return prefix(s, 2);
    }

    /** The first n characters (code points); null for null. */
    private static String prefix(String s, int n) {
        if (s == null) {
            return null;
        }
        int end = s.offsetByCodePoints(0, Math.min(n, s.codePointCount(0, s.length())));
        return s.substring(0, end);
    }

    private static Features[] features(List<LinkRecord> records) {
        Map<String, String> shared = new HashMap<>();
        Features[] fs = new Features[records.size()];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = new Features(records.get(i), shared);
        }
        return fs;
    }

    /** The records sorted by source and record number: what every tie is broken by, whatever the input order. */
    private static int[] canonicalOrder(List<LinkRecord> records) {
        return java.util.stream.IntStream.range(0, records.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> String.valueOf(records.get(i).source()))
                        .thenComparing(i -> String.valueOf(records.get(i).recordId())).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    static Map<String, Double> frequencies(Features[] fs, Function<Features, String> key) {
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

    /**
     * Every record's key hash in every pass after the block limits (0: no key, or a block too large
     * even when refined): two records are compared in pass p when their hashes in p are equal. This is
     * the blocking a distributed run must reproduce.
     */
    private static long[][] keys(Features[] fs, long[][] skipped) {
        long[][] keys = new long[PASSES.size()][fs.length];
        for (int p = 0; p < PASSES.size(); p++) {
            Pass pass = PASSES.get(p);
            for (int i = 0; i < fs.length; i++) {
                String k = pass.key().apply(fs[i]);
                keys[p][i] = k == null ? 0 : hash(k) ^ p;
            }
            skipped[p] = limit(keys[p], fs, pass);
        }
        return keys;
    }

    /**
     * Replaces the key of every record in a block above the pass's limit by its key refined (the
     * refining key is read only for those records: most blocks are small), then drops (0) whatever
     * is still above the limit. Returns {blocks dropped, records dropped}.
     */
    private static long[] limit(long[] h, Features[] fs, Pass pass) {
        long blocks = 0;
        long records = 0;
        boolean refinedAny = false;
        long[] entries = entries(h);
        for (int[] run = {0, 0}; nextRun(entries, run); ) {
            if (run[1] - run[0] <= pass.limit()) {
                continue;
            }
            if (pass.refine() == null) {
                blocks++;
                records += run[1] - run[0];
            }
            for (int i = run[0]; i < run[1]; i++) {
                int r = index(entries[i]);
                String refine = pass.refine() == null ? null : pass.refine().apply(fs[r]);
                long refined = refine == null ? 0 : mix(h[r] ^ hash(refine));
                h[r] = refine == null ? 0 : refined == 0 ? 1 : refined;
            }
            refinedAny |= pass.refine() != null;
        }
        if (refinedAny) {
            entries = entries(h);
            for (int[] run = {0, 0}; nextRun(entries, run); ) {
                if (run[1] - run[0] > pass.limit()) {
                    blocks++;
                    records += run[1] - run[0];
                    for (int i = run[0]; i < run[1]; i++) {
                        h[index(entries[i])] = 0;
                    }
                }
            }
        }
        return new long[] {blocks, records};
    }

    /** The blocking of these records, as {@link #keys} gives it: pass by record, 0 for no key. */
    public static long[][] blockingHashes(List<LinkRecord> records) {
        return keys(features(records), new long[PASSES.size()][]);
    }

    interface PairConsumer {
        void accept(int a, int b);
    }

    /**
     * Calls back once for every pair of one pass not compared in an earlier pass. Blocks are found by
     * sorting (40 bits of key hash, record index) in one long array, so no map of key strings is held;
     * {@link #keys} has already refined or dropped the blocks above the pass's limit. Returns the pairs.
     */
    private static long forEachCandidate(long[][] keys, int pass, PairConsumer consumer) {
        long[] h = keys[pass];
        long[] entries = entries(h);
        long pairs = 0;
        for (int[] run = {0, 0}; nextRun(entries, run); ) {
            for (int i = run[0]; i < run[1]; i++) {
                int a = index(entries[i]);
                for (int j = i + 1; j < run[1]; j++) {
                    int b = index(entries[j]);
                    if (h[a] != h[b] || sharedEarlierPass(keys, a, b, pass)) {
                        continue;
                    }
                    consumer.accept(a, b);
                    pairs++;
                }
            }
        }
        return pairs;
    }

    private static boolean sharedEarlierPass(long[][] keys, int a, int b, int pass) {
        for (int p = 0; p < pass; p++) {
            if (keys[p][a] != 0 && keys[p][a] == keys[p][b]) {
                return true;
            }
        }
        return false;
    }

    /** (top 40 bits of the hash, index) for every record with a key, sorted so that equal keys are adjacent. */
    private static long[] entries(long[] hashes) {
        int k = 0;
        for (long x : hashes) {
            k += x != 0 ? 1 : 0;
        }
        long[] e = new long[k];
        k = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                e[k++] = (hashes[i] >>> INDEX_BITS << INDEX_BITS) | i;
            }
        }
        Arrays.sort(e);
        return e;
    }

    /** Advances run to the next block of equal hash prefixes; false at the end. */
    private static boolean nextRun(long[] entries, int[] run) {
        int start = run[1];
        if (start >= entries.length) {
            return false;
        }
        long key = entries[start] >>> INDEX_BITS;
        int end = start + 1;
        while (end < entries.length && entries[end] >>> INDEX_BITS == key) {
            end++;
        }
        run[0] = start;
        run[1] = end;
        return true;
    }

    private static int index(long entry) {
        return (int) (entry & ((1 << INDEX_BITS) - 1));
    }

    /** 64-bit FNV-1a over the key's characters, mixed; never 0 (0 means "no key"). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h = mix(h);
        return h == 0 ? 1 : h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Matched pairs as parallel primitive arrays: at a million residents there are millions of them. */
    static final class PairList {
        private int[] a = new int[1024];
        private int[] b = new int[1024];
        private double[] w = new double[1024];
        private int size;

        void add(int x, int y, double weight) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
                w = Arrays.copyOf(w, size * 2);
            }
            a[size] = x;
            b[size] = y;
            w[size] = weight;
            size++;
        }

        int size() {
            return size;
        }

        int a(int k) {
            return a[k];
        }

        int b(int k) {
            return b[k];
        }

        double weight(int k) {
            return w[k];
        }

        /** Indices by weight, strongest first; ties by the pair's canonical ranks. */
        int[] order(int[] rank) {
            Integer[] idx = new Integer[size];
            for (int i = 0; i < size; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.<Integer>comparingDouble(k -> -w[k])
                    .thenComparingInt(k -> Math.min(rank[a[k]], rank[b[k]])).thenComparingInt(k -> Math.max(rank[a[k]], rank[b[k]])));
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = idx[i];
            }
            return out;
        }
    }

    /**
     * Disjoint sets (path halving, union by size) with cannot-link constraints: a root carries the
     * (source, identifier) of its records and the records it must never be joined with. Two records
     * of one source with different identifiers are two people in that department's own system; the
     * registry (the source with households) lists each resident once, so its record number is the
     * identifier, and two of its records — twins of one household as much as namesakes of two — are
     * never one person. A record without an address or identifier that matches both of two namesakes
     * joins the stronger one, and never bridges them into one person.
     */
    static final class Clusters {
        static final int JOINED = 1;
        static final int ALREADY = 0;
        static final int REFUSED = -1;

        private final int[] parent;
        private final int[] size;
        /** Matched pairs that joined two clusters, and that a constraint refused. */
        long joined;
        long refused;
        private final long[][] identities;
        private final int[][] enemies;

        Clusters(int n, Features[] fs) {
            parent = new int[n];
            size = new int[n];
            identities = new long[n][];
            enemies = new int[n][];
            Map<String, Integer> sourceIds = new HashMap<>();
            Map<String, Integer> sharedIds = new HashMap<>();
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
                String identity = fs[i].household != null ? fs[i].recordId : fs[i].sharedId;
                if (identity != null) {
                    long source = sourceIds.computeIfAbsent(fs[i].source, k -> sourceIds.size());
                    long id = sharedIds.computeIfAbsent(identity, k -> sharedIds.size());
                    identities[i] = new long[] {source << 32 | id};
                }
            }
        }

        int size() {
            return parent.length;
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        /** A reviewer's "different people": the two records' clusters may never meet. */
        void separate(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            enemies[ra] = append(enemies[ra], b);
            enemies[rb] = append(enemies[rb], a);
        }

        /** A reviewer's "same person": joined whatever the constraints say. */
        void forceUnion(int a, int b) {
            join(find(a), find(b));
        }

        int union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return ALREADY;
            }
            if (twoIdentities(identities[ra], identities[rb]) || hostile(ra, rb) || hostile(rb, ra)) {
                refused++;
                return REFUSED;
            }
            join(ra, rb);
            joined++;
            return JOINED;
        }

        private boolean hostile(int r, int other) {
            if (enemies[r] == null) {
                return false;
            }
            for (int e : enemies[r]) {
                if (find(e) == other) {
                    return true;
                }
            }
            return false;
        }

        private void join(int ra, int rb) {
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
            identities[ra] = concat(identities[ra], identities[rb]);
            enemies[ra] = concat(enemies[ra], enemies[rb]);
            identities[rb] = null;
            enemies[rb] = null;
        }

        /** One source, two identifiers. */
        private static boolean twoIdentities(long[] x, long[] y) {
            if (x == null || y == null) {
                return false;
            }
            for (long a : x) {
                for (long b : y) {
                    if (a >>> 32 == b >>> 32 && a != b) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static long[] concat(long[] x, long[] y) {
            if (x == null) {
                return y;
            }
            if (y == null) {
                return x;
            }
            long[] c = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, c, x.length, y.length);
            return c;
        }

        private static int[] append(int[] x, int v) {
            if (x == null) {
                return new int[] {v};
            }
            int[] c = Arrays.copyOf(x, x.length + 1);
            c[x.length] = v;
            return c;
        }

        private static int[] concat(int[] x, int[] y) {
            if (x == null) {
                return y;
            }
            if (y == null) {
                return x;
            }
            int[] c = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, c, x.length, y.length);
            return c;
        }
    }
}
