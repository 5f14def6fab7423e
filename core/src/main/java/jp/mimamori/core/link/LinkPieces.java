package jp.mimamori.core.link;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of {@link LinkageEngine#link} that a distributed run (the {@code spark} module) needs, as
 * one small public API with no Spring and no SQL: a record's features and blocking hashes, the score
 * and class of one candidate pair, the clustering of one connected component, and the model. Each piece
 * calls the engine's own code (its passes, weights, thresholds and constrained clustering), so a run on
 * many machines gives what the in-process run gives; {@code SparkIdentityTest} checks that on a
 * synthetic city.
 *
 * <p>Why per component: the engine's greedy clustering (strongest matched pair first, ties in canonical
 * order, cannot-link constraints, reviewers' decisions) and its ambiguity pass (再クラスタリング of a record
 * that fits two people) only ever look at records joined by matched pairs or "same person" decisions.
 * A reviewer's "different people" between two components can never be violated (they are never joined),
 * so each connected component of matched pairs ∪ pairs in review ∪ same-decisions can be clustered on
 * its own, anywhere (the sole-candidate step reads a cluster's neighbours through pairs in review).
 */
public final class LinkPieces {

    private LinkPieces() {
    }

    /** How many blocking passes there are; pass p's hashes are at p and at passCount() + p of {@link Prepared#hashes}. */
    public static int passCount() {
        return LinkageEngine.PASSES.size();
    }

    /** Pass p's name, as the run's blocking report gives it. */
    public static String passName(int pass) {
        return LinkageEngine.PASSES.get(pass).name();
    }

    /**
     * Whether pass p refines a block above its limit (else it drops it). The engine counts a dropped
     * block where it drops it: a pass without a refining key at the first count, one with it at the
     * count after refining.
     */
    public static boolean refines(int pass) {
        return LinkageEngine.PASSES.get(pass).refine() != null;
    }

    /** The block size above which pass p refines (or, without a refining key, drops) a block. */
    public static int blockLimit(int pass) {
        return LinkageEngine.PASSES.get(pass).limit();
    }

    /**
     * What block sizes are counted by: the engine groups records by the top 40 bits of a key's hash
     * (see {@code LinkageEngine.entries}), so a distributed count must group by the same bits to drop
     * and refine exactly the blocks the engine does, even in the (rare) case of two keys sharing them.
     */
    public static long blockGroup(long hash) {
        return hash >>> LinkageEngine.INDEX_BITS;
    }

    /**
     * One record prepared for linkage: its comparison features, and for every pass its key's hash
     * (0: no key) and that hash refined by the pass's second key (0: no refining key, or none for this
     * record), exactly as {@code LinkageEngine.keys} and {@code limit} compute them.
     */
    public static final class Prepared implements Serializable {
        private static final long serialVersionUID = 1L;
        final Features features;
        /** [pass] the key hash; [passCount() + pass] the refined hash used when the block is above the limit. */
        public final long[] hashes;

        Prepared(Features features, long[] hashes) {
            this.features = features;
            this.hashes = hashes;
        }

        public String source() {
            return features.source;
        }

        public String recordId() {
            return features.recordId;
        }

        /** The written surname and given name as the name frequencies count them (null when absent). */
        public String surnameForFrequency() {
            return features.surname;
        }

        public String givenForFrequency() {
            return features.given;
        }
    }

    public static Prepared prepare(LinkRecord r) {
        Features f = new Features(r);
        int passes = passCount();
        long[] h = new long[2 * passes];
        for (int p = 0; p < passes; p++) {
            LinkageEngine.Pass pass = LinkageEngine.PASSES.get(p);
            String k = pass.key().apply(f);
            h[p] = k == null ? 0 : LinkageEngine.hash(k) ^ p;
            if (h[p] != 0 && pass.refine() != null) {
                String refine = pass.refine().apply(f);
                long refined = refine == null ? 0 : LinkageEngine.mix(h[p] ^ LinkageEngine.hash(refine));
                h[passes + p] = refine == null ? 0 : refined == 0 ? 1 : refined;
            }
        }
        return new Prepared(f, h);
    }

    /** A candidate pair's score: weight in bits, probability, and which list the engine puts it on. */
    public record Score(double weight, double probability, boolean matched, boolean review, boolean sole) implements Serializable {
    }

    /**
     * Scores a candidate pair as the engine does. {@code a} must be the record the engine would take as
     * first: the one of lower canonical rank (source, record number), which is what makes the result
     * independent of the input order. Matched: at or above the match threshold and neither namesake
     * rule applies; review: otherwise at or above the review threshold; sole: a review pair that the
     * sole-candidate step may link (no namesake rule, probability at least {@link LinkageEngine#SOLE}).
     */
    public static Score score(Model model, Prepared a, Prepared b, double match, double review) {
        int[] levels = Comparison.levels(a.features, b.features);
        double w = LinkageEngine.weight(model, levels, a.features);
        double matchWeight = LinkageEngine.log2(match / (1 - match));
        double reviewWeight = LinkageEngine.log2(review / (1 - review));
        boolean namesake = w >= reviewWeight && LinkageEngine.heldBack(model, levels, a.features, b.features);
        boolean matched = w >= matchWeight && !namesake;
        boolean inReview = !matched && w >= reviewWeight;
        boolean sole = inReview && !namesake && w >= LinkageEngine.SOLE_WEIGHT;
        return new Score(w, LinkageEngine.probability(w), matched, inReview, sole);
    }

    /** The pair with every field's contribution, as the review queue shows it. */
    public static ScoredPair explain(Model model, Prepared a, Prepared b, int ia, int ib) {
        return LinkageEngine.scored(model, ia, ib, Comparison.levels(a.features, b.features), a.features, b.features);
    }

    /**
     * The pair as the review queue stores it ({@link IdentityRun#explanation}): a pair between the
     * thresholds, or ({@code ambiguous}) a linked pair sent to review because one of its records fits
     * two people, with that rule's bar as the engine adds it.
     */
    public static String reviewExplanation(Model model, Prepared a, Prepared b, boolean ambiguous) {
        ScoredPair sp = explain(model, a, b, 0, 1);
        return IdentityRun.explanation(ambiguous ? LinkageEngine.ambiguousBar(sp) : sp);
    }

    /** A matched pair inside one component: local record indices and weight. */
    public record Edge(int a, int b, double weight) implements Serializable {
    }

    /** A pair in review inside one component; {@code sole}: the sole-candidate step may link it (see {@link Score}). */
    public record ReviewEdge(int a, int b, double weight, boolean sole) implements Serializable {
    }

    /**
     * One component's clustering. {@code clusterOf[i]}: the local index of the record of lowest
     * canonical rank in record i's person; {@code bestLinked[i]}: the best probability among its kept
     * links (NaN when none); {@code ambiguous}: the matched pairs that go to review because one of their
     * records fits two people; {@code joined} and {@code refused}: the engine's counts.
     */
    public record ComponentResult(int[] clusterOf, double[] bestLinked, List<Edge> ambiguous, long joined, long refused) {
    }

    /**
     * Clusters one connected component (of matched pairs, pairs in review and "same" decisions) with the
     * engine's own clustering stage, {@code LinkageEngine.clusterScored}: decisions first ("same" forced,
     * "different" kept apart), matched pairs strongest first with ties by the pair's canonical ranks,
     * the sole candidates among the pairs in review, then the ambiguity pass. {@code rank[i]} is record i's global
     * canonical rank (only its order matters); {@code decisions} use local indices.
     */
    public static ComponentResult clusterComponent(List<Prepared> records, int[] rank, List<Edge> edges, List<ReviewEdge> reviewEdges,
                                                   List<Decision> decisions) {
        int n = records.size();
        Features[] fs = new Features[n];
        for (int i = 0; i < n; i++) {
            fs[i] = records.get(i).features;
        }
        LinkageEngine.PairList matched = new LinkageEngine.PairList();
        for (Edge e : edges) {
            matched.add(e.a(), e.b(), e.weight());
        }
        LinkageEngine.PairList plausible = new LinkageEngine.PairList();
        boolean[] promotable = new boolean[reviewEdges.size()];
        for (int k = 0; k < reviewEdges.size(); k++) {
            ReviewEdge e = reviewEdges.get(k);
            plausible.add(e.a(), e.b(), e.weight());
            promotable[k] = e.sole();
        }
        LinkageEngine.Clustered stage = LinkageEngine.clusterScored(n, fs, decisions, matched, plausible, promotable, rank);
        LinkageEngine.Clusters clusters = stage.clusters();
        boolean[] ambiguous = stage.ambiguous();
        double[] bestLinked = stage.bestLinked();
        List<Edge> toReview = new ArrayList<>();
        for (int k = 0; k < matched.size(); k++) {
            if (ambiguous[matched.a(k)] || ambiguous[matched.b(k)]) {
                toReview.add(new Edge(matched.a(k), matched.b(k), matched.weight(k)));
            }
        }
        // The person's name is its record of lowest rank, so it does not depend on union-find's roots.
        int[] lowest = new int[n];
        java.util.Arrays.fill(lowest, -1);
        for (int i = 0; i < n; i++) {
            int r = clusters.find(i);
            if (lowest[r] < 0 || rank[i] < rank[lowest[r]]) {
                lowest[r] = i;
            }
        }
        int[] clusterOf = new int[n];
        for (int i = 0; i < n; i++) {
            clusterOf[i] = lowest[clusters.find(i)];
        }
        return new ComponentResult(clusterOf, bestLinked, toReview, clusters.joined, clusters.refused);
    }

    /** The model estimated from these records (EM on the engine's deterministic, hash-chosen sample), as an in-process run does. */
    public static Model estimate(List<LinkRecord> records, double match, double review) {
        return new LinkageEngine(match, review).estimate(records);
    }

    /**
     * A stored model with the name frequencies of this run (counts over all records, divided by the
     * number of records with the name), as {@code link(records, decisions, stored)} does; the counts
     * come from a distributed aggregate.
     */
    public static Model withFrequencies(Model stored, Map<String, Long> surnames, long surnameTotal, Map<String, Long> givens, long givenTotal) {
        return stored.withFrequencies(shares(surnames, surnameTotal), shares(givens, givenTotal));
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total) {
        // Integer division as the engine's frequencies(): count / max(1, total), in double.
        int t = (int) Math.max(1, total);
        Map<String, Double> tf = new HashMap<>(counts.size() * 2);
        counts.forEach((k, c) -> tf.put(k, c.intValue() / (double) t));
        return tf;
    }

    /**
     * The model as bytes, every field exact (the JSON the server stores rounds the weights), so that it
     * can be broadcast to executors and score there to the last bit as on the driver.
     */
    public static byte[] modelBytes(Model m) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m.m);
            out.writeObject(m.u);
            out.writeDouble(m.lambda);
            out.writeInt(m.iterations);
            out.writeDouble(m.match);
            out.writeDouble(m.review);
            out.writeDouble(m.twinBits);
            out.writeObject(new HashMap<>(m.surnameTf));
            out.writeObject(new HashMap<>(m.givenTf));
            out.writeObject(new ArrayList<>(m.notes));
            out.writeObject(new ArrayList<>(m.sessions));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Model modelFromBytes(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            double[][] m = (double[][]) in.readObject();
            double[][] u = (double[][]) in.readObject();
            Model model = new Model(m, u, in.readDouble());
            model.iterations = in.readInt();
            model.match = in.readDouble();
            model.review = in.readDouble();
            model.twinBits = in.readDouble();
            model.surnameTf = (Map<String, Double>) in.readObject();
            model.givenTf = (Map<String, Double>) in.readObject();
            model.notes.addAll((List<String>) in.readObject());
            model.sessions.addAll((List<String>) in.readObject());
            return model;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("モデルを読み込めません / cannot read the model: " + e.getMessage(), e);
        }
    }
}
