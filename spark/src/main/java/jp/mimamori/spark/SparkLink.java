package jp.mimamori.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.core.link.Decision;
import jp.mimamori.core.link.LinkPieces;
import jp.mimamori.core.link.LinkPieces.Prepared;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkRecordsCsv;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.Model;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.Tuple3;

/**
 * 名寄せ (record linkage) on Apache Spark, giving what {@link LinkageEngine#link} gives in one process:
 * <ol>
 * <li>every record prepared on the executors ({@link LinkPieces#prepare}) and given its canonical rank
 *     (source, record number: the order every tie is broken by) by a distributed sort;</li>
 * <li>blocking as aggregates and joins on (pass, key): block sizes counted by the same 40 bits of the key
 *     hash as the engine, a block above its pass's limit refined by the second key (or dropped), counted
 *     again, and what is still above the limit dropped;</li>
 * <li>every candidate pair scored inside its block with the model broadcast to the executors
 *     ({@link LinkPieces#score}), once, in the first pass whose key it shares, the lower-ranked record
 *     first, skipping pairs a reviewer decided were different people; only pairs at or above the review
 *     threshold leave the block;</li>
 * <li>connected components of matched pairs ∪ pairs in review ∪ "same person" decisions by iterated minimum-label joins (no
 *     pair ever comes to the driver), and each component clustered on an executor by the engine's own
 *     constrained clustering and ambiguity pass ({@link LinkPieces#clusterComponent});</li>
 * <li>the review queue: pairs between the thresholds (and namesakes), plus the ambiguous records' links,
 *     less those whose records ended in one person, in the engine's order.</li>
 * </ol>
 * The model is estimated on the driver from every record, by the engine's own EM on its hash-chosen
 * sample, or a stored one is used with this run's name frequencies (counted on the executors): the
 * estimate needs all records' features in the driver's heap (about a million records per 1.5 GB), which
 * is the limit of this step; above it, pass a model saved by an earlier run.
 */
public final class SparkLink {

    private SparkLink() {
    }

    /** A reviewer's decision on two records named by (source, record number). */
    public record KeyedDecision(String sourceA, String recordA, String sourceB, String recordB, boolean same) implements Serializable {
    }

    /** A pair left to a person, by the two records' keys, lower rank first, with its explanation as the queue stores it. */
    public record ReviewPair(String keyA, String keyB, double probability, String explanation) {
    }

    /**
     * The run's outcome on the driver: the review queue in order, the model and the counts. Each record's person
     * stays on the executors ({@link Linked#persons}): at millions of records it would not fit the driver.
     */
    public record Result(long records, long persons, List<ReviewPair> review, Model model,
                         long candidatePairs, long[] pairsPerPass, long matchedPairs, long joined, long refused, int componentRounds,
                         long[] skippedBlocks, long[] skippedRecords) {

        /** Each blocking pass as the run's report stores it. */
        public List<jp.mimamori.core.link.BlockingPass> passes() {
            List<jp.mimamori.core.link.BlockingPass> out = new ArrayList<>();
            for (int p = 0; p < pairsPerPass.length; p++) {
                out.add(new jp.mimamori.core.link.BlockingPass(LinkPieces.passName(p), pairsPerPass[p], skippedBlocks[p], skippedRecords[p]));
            }
            return out;
        }
    }

    /**
     * A run with its persons on the executors: every record's person (the rank of its person's lowest-ranked
     * record) and probability by rank, every record's columns and key by rank, for the steps that follow there
     * (ID carry-over, {@link SparkIds}) and for the files, which the driver writes a partition at a time.
     */
    public record Linked(Result result, JavaPairRDD<Long, Tuple2<Long, Double>> personAndP, JavaPairRDD<Long, String[]> ranked,
                         JavaPairRDD<Long, String> keys, int partitions) {

        /**
         * Every record as (its key, its person's key: the key of the person's lowest-ranked record, its match
         * probability), in canonical order (by key, as {@link #key} sorts), computed on the executors.
         */
        public JavaRDD<Tuple3<String, String, Double>> persons() {
            return keys.join(personAndP, partitions)
                    .mapToPair(t -> new Tuple2<>(t._2()._2()._1(), new Tuple3<>(t._1(), t._2()._1(), t._2()._2()._2())))
                    .join(keys, partitions)
                    .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple3<>(t._2()._1()._2(), t._2()._2(), t._2()._1()._3())))
                    .sortByKey(true, partitions).values();
        }

        /** Each record's person by record key, collected to the driver: for tests and city-sized comparisons only. */
        public Map<String, String> personOf() {
            Map<String, String> out = new HashMap<>();
            persons().collect().forEach(t -> out.put(t._1(), t._2()));
            return out;
        }

        /** Each record's match probability by record key, collected to the driver: for tests and city-sized comparisons only. */
        public Map<String, Double> probability() {
            Map<String, Double> out = new HashMap<>();
            persons().collect().forEach(t -> out.put(t._1(), t._3()));
            return out;
        }
    }

    /** Records a partition holds by default: small enough that Spark's MemoryStore caches a partition's prepared records. */
    public static final int RECORDS_PER_PARTITION = 50_000;

    /**
     * The default number of partitions of every shuffle: twice the master's cores, and more for many records
     * (at 1,000,000 residents four partitions of 2.7 GiB each could not be cached and were recomputed in every
     * stage). The result does not depend on it; only time and memory do.
     */
    public static int defaultPartitions(JavaSparkContext sc, long records) {
        return (int) Math.max(Math.max(2, 2L * sc.defaultParallelism()), (records + RECORDS_PER_PARTITION - 1) / RECORDS_PER_PARTITION);
    }

    /** A record's key: source and record number, as the canonical order compares them. */
    public static String key(String source, String recordId) {
        return String.valueOf(source) + '\u0000' + String.valueOf(recordId);
    }

    /**
     * Links the records (each the ten columns of {@link LinkRecordsCsv#HEADER}, null for absent).
     * {@code stored}: a model saved by an earlier run, or null to estimate one on the driver.
     */
    public static Result link(JavaSparkContext sc, JavaRDD<String[]> rows, List<KeyedDecision> decisions, Model stored, int partitions) {
        return linked(sc, rows, decisions, stored, partitions).result();
    }

    /** {@link #link}, keeping the per-record RDDs for what follows. */
    public static Linked linked(JavaSparkContext sc, JavaRDD<String[]> rows, List<KeyedDecision> decisions, Model stored, int partitions) {
        double match = LinkageEngine.MATCH;
        double review = LinkageEngine.REVIEW;
        // 1. Canonical ranks. Sorting by the key string orders by source, then record number: '\u0000'
        // is below every character, so a shorter source never sorts after a longer one it prefixes.
        JavaPairRDD<Long, String[]> ranked = rows.mapToPair(r -> new Tuple2<>(key(r[0], r[1]), r))
                .sortByKey(true, partitions).zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()._2())).persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Long, Prepared> prepared = ranked.mapValues(r -> LinkPieces.prepare(of(r)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Long, String> keys = ranked.mapValues(r -> key(r[0], r[1])).persist(StorageLevel.MEMORY_AND_DISK());

        // 2. The model. Estimated from the records in canonical order, as the engine reads them.
        Model model;
        if (stored == null) {
            List<LinkRecord> all = new ArrayList<>();
            for (Tuple2<Long, String[]> t : ranked.sortByKey().collect()) {
                all.add(of(t._2()));
            }
            model = LinkPieces.estimate(all, match, review);
        } else {
            Map<String, Long> surnames = prepared.values().filter(p -> p.surnameForFrequency() != null).map(Prepared::surnameForFrequency).countByValue();
            Map<String, Long> givens = prepared.values().filter(p -> p.givenForFrequency() != null).map(Prepared::givenForFrequency).countByValue();
            model = LinkPieces.withFrequencies(stored, surnames, sum(surnames), givens, sum(givens));
        }
        Broadcast<byte[]> modelBytes = sc.broadcast(LinkPieces.modelBytes(model));

        // 4. Decisions, by rank.
        Map<String, Long> rankOf = decisionRanks(keys, decisions);
        List<long[]> ranked2 = new ArrayList<>();
        Set<Long> different = new HashSet<>();
        for (KeyedDecision d : decisions) {
            Long a = rankOf.get(key(d.sourceA(), d.recordA()));
            Long b = rankOf.get(key(d.sourceB(), d.recordB()));
            if (a == null || b == null) {
                continue;
            }
            ranked2.add(new long[] {a, b, d.same() ? 1 : 0});
            if (!d.same()) {
                different.add(pairKey(a, b));
            }
        }
        Broadcast<Set<Long>> differentB = sc.broadcast(different);

        // 3 and 5. Blocking and scoring: every candidate pair is scored inside the block that finds it
        // first, the lower-ranked record first, skipping pairs a reviewer decided were different people;
        // only the pairs at or above the review threshold leave the block.
        int passCount = LinkPieces.passCount();
        long[][] skipped = new long[2][passCount];
        JavaRDD<BlockOut> blocks = scoredBlocks(prepared, partitions, skipped, differentB, modelBytes, match, review)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long[] perPass = new long[passCount];
        blocks.mapToPair(b -> new Tuple2<>(b.pass, b.pairs)).reduceByKey(Long::sum).collectAsMap().forEach((p, c) -> perPass[p] = c);
        long candidates = Arrays.stream(perPass).sum();
        JavaPairRDD<Tuple2<Long, Long>, LinkPieces.Score> scored = blocks.flatMapToPair(BlockOut::scored);
        JavaPairRDD<Long, Double> bestAny = blocks.flatMapToPair(BlockOut::best).reduceByKey(Math::max, partitions);
        JavaPairRDD<Tuple2<Long, Long>, Double> matched = scored.filter(t -> t._2().matched()).mapValues(LinkPieces.Score::weight)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Tuple2<Long, Long>, LinkPieces.Score> reviewScored = scored.filter(t -> t._2().review()).persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Tuple2<Long, Long>, Double> reviewPairs = reviewScored.mapValues(LinkPieces.Score::weight);
        long matchedCount = matched.count();

        // 6. Connected components of matched pairs, pairs in review (the sole-candidate step reads a
        // cluster's neighbours through them) and "same" decisions.
        List<Tuple2<Long, Long>> sameEdges = new ArrayList<>();
        for (long[] d : ranked2) {
            if (d[2] == 1) {
                sameEdges.add(new Tuple2<>(Math.min(d[0], d[1]), Math.max(d[0], d[1])));
            }
        }
        JavaPairRDD<Long, Long> edges = matched.keys().mapToPair(p -> p).union(reviewPairs.keys().mapToPair(p -> p))
                .union(sc.parallelizePairs(sameEdges, 1));
        int[] rounds = {0};
        JavaPairRDD<Long, Long> labels = components(edges, partitions, rounds).persist(StorageLevel.MEMORY_AND_DISK());

        // 7. Clustering per component, on the executors.
        JavaPairRDD<Long, Tuple2<Long, Prepared>> recordsByLabel = labels.join(prepared, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())));
        // {a, b, weight, kind}: kind 0 matched, 1 in review, 2 in review and open to the sole-candidate step.
        JavaPairRDD<Long, double[]> edgesByLabel = matched.mapToPair(t -> new Tuple2<>(t._1()._1(), new double[] {t._1()._1(), t._1()._2(), t._2(), 0}))
                .union(reviewScored.mapToPair(t -> new Tuple2<>(t._1()._1(), new double[] {t._1()._1(), t._1()._2(), t._2().weight(), t._2().sole() ? 2 : 1})))
                .join(labels, partitions).mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()));
        List<Tuple2<Long, long[]>> decisionList = new ArrayList<>();
        for (long[] d : ranked2) {
            decisionList.add(new Tuple2<>(d[0], d));
        }
        JavaPairRDD<Long, long[]> decisionsByLabel = sc.parallelizePairs(decisionList, 1).join(labels)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()));
        JavaRDD<ComponentOut> clustered = recordsByLabel.cogroup(edgesByLabel, decisionsByLabel, partitions)
                .map(t -> clusterOne(t._2()._1(), t._2()._2(), t._2()._3()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long joined = clustered.map(c -> c.joined).fold(0L, Long::sum);
        long refused = clustered.map(c -> c.refused).fold(0L, Long::sum);
        JavaPairRDD<Long, Tuple2<Long, Double>> inComponents = clustered.flatMapToPair(c -> {
            List<Tuple2<Long, Tuple2<Long, Double>>> out = new ArrayList<>(c.ranks.length);
            for (int i = 0; i < c.ranks.length; i++) {
                out.add(new Tuple2<>(c.ranks[i], new Tuple2<>(c.person[i], c.bestLinked[i])));
            }
            return out.iterator();
        });

        // 8. Every record's person and probability: a record in no component is a person alone.
        JavaPairRDD<Long, Tuple2<Long, Double>> personAndP = prepared.keys().mapToPair(r -> new Tuple2<>(r, r))
                .leftOuterJoin(inComponents, partitions)
                .leftOuterJoin(bestAny, partitions)
                .mapToPair(t -> {
                    long rank = t._1();
                    Tuple2<Long, Double> c = t._2()._1()._2().orElse(null);
                    double any = t._2()._2().orElse(0.0);
                    long person = c == null ? rank : c._1();
                    double p = c == null || Double.isNaN(c._2()) ? any : c._2();
                    return new Tuple2<>(rank, new Tuple2<>(person, p));
                }).persist(StorageLevel.MEMORY_AND_DISK());

        // 9. The review queue, without pairs whose two records ended in one person, each pair explained
        // on the executors as the queue stores it (an ambiguous record's link with that rule's bar).
        JavaPairRDD<Tuple2<Long, Long>, Double> ambiguous = clustered.flatMapToPair(c -> c.ambiguous.iterator());
        JavaPairRDD<Long, Long> personOnly = personAndP.mapValues(Tuple2::_1);
        JavaPairRDD<Tuple2<Long, Long>, Tuple2<Double, Boolean>> open = reviewPairs.mapValues(w -> new Tuple2<>(w, false))
                .union(ambiguous.mapValues(w -> new Tuple2<>(w, true)))
                .mapToPair(t -> new Tuple2<>(t._1()._1(), new Tuple2<>(t._1()._2(), t._2())))
                .join(personOnly, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(new Tuple2<>(t._1(), t._2()._1()._2()), t._2()._2())))
                .join(personOnly, partitions)
                .filter(t -> !t._2()._1()._2().equals(t._2()._2()))
                .mapToPair(t -> new Tuple2<>(new Tuple2<>(t._2()._1()._1()._1(), t._1()), t._2()._1()._1()._2()));
        List<Tuple2<Tuple2<Long, Long>, Tuple2<Double, String>>> queue = open
                .mapToPair(t -> new Tuple2<>(t._1()._1(), new Tuple2<>(t._1()._2(), t._2())))
                .join(prepared, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(new Tuple2<>(t._1(), t._2()._1()._2()), t._2()._2())))
                .join(prepared, partitions)
                .mapToPair(t -> {
                    long low = t._2()._1()._1()._1();
                    Tuple2<Double, Boolean> wa = t._2()._1()._1()._2();
                    Model m = ModelCache.get(modelBytes.value());
                    String why = LinkPieces.reviewExplanation(m, t._2()._1()._2(), t._2()._2(), wa._2());
                    return new Tuple2<>(new Tuple2<>(low, t._1()), new Tuple2<>(wa._1(), why));
                })
                .collect();
        List<Tuple2<Tuple2<Long, Long>, Tuple2<Double, String>>> sorted = new ArrayList<>(queue);
        sorted.sort(Comparator.<Tuple2<Tuple2<Long, Long>, Tuple2<Double, String>>>comparingDouble(t -> -LinkageEngine.probability(t._2()._1()))
                .thenComparingLong(t -> t._1()._1()).thenComparingLong(t -> t._1()._2()));

        // Only the queue's records' keys come to the driver.
        Set<Long> inQueue = new HashSet<>();
        for (Tuple2<Tuple2<Long, Long>, Tuple2<Double, String>> t : sorted) {
            inQueue.add(t._1()._1());
            inQueue.add(t._1()._2());
        }
        // Broadcast, not captured: a closure travels with every task, a broadcast once to each executor.
        Broadcast<Set<Long>> inQueueB = sc.broadcast(inQueue);
        Map<Long, String> keyOf = new HashMap<>(keys.filter(t -> inQueueB.value().contains(t._1())).collectAsMap());
        inQueueB.destroy();
        long records = personAndP.count();
        long persons = personAndP.values().map(Tuple2::_1).distinct(partitions).count();
        List<ReviewPair> reviewOut = new ArrayList<>();
        for (Tuple2<Tuple2<Long, Long>, Tuple2<Double, String>> t : sorted) {
            reviewOut.add(new ReviewPair(keyOf.get(t._1()._1()), keyOf.get(t._1()._2()), LinkageEngine.probability(t._2()._1()), t._2()._2()));
        }
        Result result = new Result(records, persons, reviewOut, model, candidates, perPass, matchedCount, joined, refused, rounds[0],
                skipped[0], skipped[1]);
        return new Linked(result, personAndP, ranked, keys, partitions);
    }

    private static long sum(Map<String, Long> counts) {
        long s = 0;
        for (long c : counts.values()) {
            s += c;
        }
        return s;
    }

    static LinkRecord of(String[] r) {
        return LinkRecordsCsv.of(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
    }

    private static long pairKey(long a, long b) {
        return Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static Map<String, Long> decisionRanks(JavaPairRDD<Long, String> keys, List<KeyedDecision> decisions) {
        if (decisions.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = new HashSet<>();
        for (KeyedDecision d : decisions) {
            wanted.add(key(d.sourceA(), d.recordA()));
            wanted.add(key(d.sourceB(), d.recordB()));
        }
        Map<String, Long> out = new HashMap<>();
        for (Tuple2<Long, String> t : keys.filter(t -> wanted.contains(t._2())).collect()) {
            out.put(t._2(), t._1());
        }
        return out;
    }

    /**
     * Blocking and scoring. A block is (pass, hash after limits); its size is counted by (pass, the hash's
     * top 40 bits) as in the engine. Each record goes to its blocks with its prepared features and the hash
     * of every block it is kept in, so a block can tell, without a shuffle of pairs, which of its pairs an
     * earlier pass already found (both records kept in one block of that pass): the pair belongs to the
     * first pass whose key it shares, as in the engine. This moves each record once per pass instead of
     * each candidate pair twice with both records' features (at 1,000,000 residents, 2.5 million records
     * against 168 million pairs).
     */
    static JavaRDD<BlockOut> scoredBlocks(JavaPairRDD<Long, Prepared> prepared, int partitions, long[][] skipped,
                                          Broadcast<Set<Long>> different, Broadcast<byte[]> modelBytes, double match, double review) {
        int passCount = LinkPieces.passCount();
        // (pass, group) → (rank, hash, refined)
        JavaPairRDD<Tuple2<Integer, Long>, long[]> entries = prepared.flatMapToPair(t -> {
            List<Tuple2<Tuple2<Integer, Long>, long[]>> out = new ArrayList<>();
            long[] h = t._2().hashes;
            for (int p = 0; p < passCount; p++) {
                if (h[p] != 0) {
                    out.add(new Tuple2<>(new Tuple2<>(p, LinkPieces.blockGroup(h[p])), new long[] {t._1(), h[p], h[passCount + p]}));
                }
            }
            return out.iterator();
        });
        // Refine (or drop) the records of a block above its limit.
        JavaPairRDD<Tuple2<Integer, Long>, Long> firstSizes = sizes(entries, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Tuple2<Integer, Long>, long[]> refined = entries.join(firstSizes, partitions).flatMapToPair(t -> {
            int pass = t._1()._1();
            long[] e = t._2()._1();
            long h = t._2()._2() > LinkPieces.blockLimit(pass) ? e[2] : e[1];
            return h == 0 ? List.<Tuple2<Tuple2<Integer, Long>, long[]>>of().iterator()
                    : List.of(new Tuple2<>(new Tuple2<>(pass, LinkPieces.blockGroup(h)), new long[] {e[0], h})).iterator();
        });
        // Drop what is still above the limit.
        JavaPairRDD<Tuple2<Integer, Long>, Long> secondSizes = sizes(refined, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        // The blocks dropped, counted where the engine counts them: a pass without a refining key when it
        // first finds the block too large, a pass with one after refining (see LinkPieces.refines).
        dropped(firstSizes.filter(t -> !LinkPieces.refines(t._1()._1())), skipped);
        dropped(secondSizes, skipped);
        // rank → [pass] the hash of the block it is kept in (0: none).
        JavaPairRDD<Long, long[]> kept = refined.join(secondSizes, partitions)
                .filter(t -> t._2()._2() <= LinkPieces.blockLimit(t._1()._1()))
                .mapToPair(t -> new Tuple2<>(t._2()._1()[0], new long[] {t._1()._1(), t._2()._1()[1]}))
                // Spark gives each key its own copy of the zero value, so the arrays may be filled in place.
                .aggregateByKey(new long[passCount], partitions, (acc, e) -> {
                    acc[(int) e[0]] = e[1];
                    return acc;
                }, (x, y) -> {
                    for (int p = 0; p < passCount; p++) {
                        if (y[p] != 0) {
                            x[p] = y[p];
                        }
                    }
                    return x;
                });
        return kept.join(prepared, partitions).flatMapToPair(t -> {
            BlockEntry e = new BlockEntry(t._1(), t._2()._2(), t._2()._1());
            List<Tuple2<Tuple2<Integer, Long>, BlockEntry>> out = new ArrayList<>();
            for (int p = 0; p < passCount; p++) {
                if (e.blocks[p] != 0) {
                    out.add(new Tuple2<>(new Tuple2<>(p, e.blocks[p]), e));
                }
            }
            return out.iterator();
        }).groupByKey(partitions).map(t -> scoreBlock(t._1()._1(), t._2(), different.value(), ModelCache.get(modelBytes.value()), match, review));
    }

    /** A record in a block: its rank, features, and the hash of the block it is kept in for every pass (0: none). */
    static final class BlockEntry implements Serializable {
        final long rank;
        final Prepared prepared;
        final long[] blocks;

        BlockEntry(long rank, Prepared prepared, long[] blocks) {
            this.rank = rank;
            this.prepared = prepared;
            this.blocks = blocks;
        }
    }

    /**
     * One block's outcome: its pass, how many candidate pairs it found first (those a reviewer decided were
     * different included, as the engine counts them), the pairs at or above the review threshold with
     * their scores ({@code kind} 0 matched, 1 in review, 2 in review and open to the sole-candidate step),
     * and each record's best probability among the block's scored pairs.
     */
    static final class BlockOut implements Serializable {
        int pass;
        long pairs;
        long[] low = new long[0];
        long[] high = new long[0];
        double[] weight = new double[0];
        byte[] kind = new byte[0];
        long[] ranks = new long[0];
        double[] best = new double[0];

        java.util.Iterator<Tuple2<Tuple2<Long, Long>, LinkPieces.Score>> scored() {
            List<Tuple2<Tuple2<Long, Long>, LinkPieces.Score>> out = new ArrayList<>(low.length);
            for (int i = 0; i < low.length; i++) {
                double w = weight[i];
                out.add(new Tuple2<>(new Tuple2<>(low[i], high[i]),
                        new LinkPieces.Score(w, LinkageEngine.probability(w), kind[i] == 0, kind[i] != 0, kind[i] == 2)));
            }
            return out.iterator();
        }

        java.util.Iterator<Tuple2<Long, Double>> best() {
            List<Tuple2<Long, Double>> out = new ArrayList<>(ranks.length);
            for (int i = 0; i < ranks.length; i++) {
                out.add(new Tuple2<>(ranks[i], best[i]));
            }
            return out.iterator();
        }
    }

    private static BlockOut scoreBlock(int pass, Iterable<BlockEntry> members, Set<Long> different, Model model, double match, double review) {
        List<BlockEntry> es = new ArrayList<>();
        members.forEach(es::add);
        es.sort(Comparator.comparingLong(e -> e.rank));
        int n = es.size();
        double[] best = new double[n];
        Arrays.fill(best, Double.NaN);
        BlockOut out = new BlockOut();
        out.pass = pass;
        List<long[]> keptPairs = new ArrayList<>();
        List<double[]> keptScores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BlockEntry a = es.get(i);
            for (int j = i + 1; j < n; j++) {
                BlockEntry b = es.get(j);
                if (sharedEarlier(a.blocks, b.blocks, pass)) {
                    continue;
                }
                out.pairs++;
                if (different.contains(pairKey(a.rank, b.rank))) {
                    continue;
                }
                LinkPieces.Score s = LinkPieces.score(model, a.prepared, b.prepared, match, review);
                double p = s.probability();
                best[i] = Double.isNaN(best[i]) ? p : Math.max(best[i], p);
                best[j] = Double.isNaN(best[j]) ? p : Math.max(best[j], p);
                if (s.matched() || s.review()) {
                    keptPairs.add(new long[] {a.rank, b.rank});
                    keptScores.add(new double[] {s.weight(), s.matched() ? 0 : s.sole() ? 2 : 1});
                }
            }
        }
        int k = keptPairs.size();
        out.low = new long[k];
        out.high = new long[k];
        out.weight = new double[k];
        out.kind = new byte[k];
        for (int i = 0; i < k; i++) {
            out.low[i] = keptPairs.get(i)[0];
            out.high[i] = keptPairs.get(i)[1];
            out.weight[i] = keptScores.get(i)[0];
            out.kind[i] = (byte) keptScores.get(i)[1];
        }
        int withBest = 0;
        for (double v : best) {
            if (!Double.isNaN(v)) {
                withBest++;
            }
        }
        out.ranks = new long[withBest];
        out.best = new double[withBest];
        for (int i = 0, w = 0; i < n; i++) {
            if (!Double.isNaN(best[i])) {
                out.ranks[w] = es.get(i).rank;
                out.best[w++] = best[i];
            }
        }
        return out;
    }

    /** Whether two records are kept in one block of a pass before {@code pass}: that pass found the pair first. */
    static boolean sharedEarlier(long[] a, long[] b, int pass) {
        for (int q = 0; q < pass; q++) {
            if (a[q] != 0 && a[q] == b[q]) {
                return true;
            }
        }
        return false;
    }

    /** Adds the blocks above their pass's limit, and their records, to {@code skipped[0][pass]} and {@code skipped[1][pass]}. */
    private static void dropped(JavaPairRDD<Tuple2<Integer, Long>, Long> sizes, long[][] skipped) {
        sizes.filter(t -> t._2() > LinkPieces.blockLimit(t._1()._1()))
                .mapToPair(t -> new Tuple2<>(t._1()._1(), new long[] {1, t._2()}))
                .reduceByKey((x, y) -> new long[] {x[0] + y[0], x[1] + y[1]})
                .collectAsMap().forEach((pass, c) -> {
                    skipped[0][pass] += c[0];
                    skipped[1][pass] += c[1];
                });
    }

    private static <V> JavaPairRDD<Tuple2<Integer, Long>, Long> sizes(JavaPairRDD<Tuple2<Integer, Long>, V> entries, int partitions) {
        return entries.mapValues(v -> 1L).reduceByKey(Long::sum, partitions);
    }

    /**
     * Connected components: every vertex takes the smallest label among itself and its neighbours until
     * nothing changes (rounds: the components' largest diameter, a handful for persons). The lineage is
     * cut every round so a long chain does not grow the plan.
     */
    static JavaPairRDD<Long, Long> components(JavaPairRDD<Long, Long> edges, int partitions, int[] rounds) {
        JavaPairRDD<Long, Long> sym = edges.flatMapToPair(e -> List.of(new Tuple2<>(e._1(), e._2()), new Tuple2<>(e._2(), e._1())).iterator())
                .distinct(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Long, Long> labels = sym.mapToPair(t -> new Tuple2<>(t._1(), Math.min(t._1(), t._2()))).reduceByKey(Math::min, partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        while (true) {
            rounds[0]++;
            JavaPairRDD<Long, Long> next = sym.join(labels, partitions).mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()))
                    .union(labels).reduceByKey(Math::min, partitions).persist(StorageLevel.MEMORY_AND_DISK());
            next.rdd().localCheckpoint();
            long changed = next.join(labels, partitions).filter(t -> !t._2()._1().equals(t._2()._2())).count();
            labels.unpersist(false);
            labels = next;
            if (changed == 0) {
                return labels;
            }
        }
    }

    /** What one component's clustering sends back. */
    static final class ComponentOut implements Serializable {
        long[] ranks;
        long[] person;
        double[] bestLinked;
        List<Tuple2<Tuple2<Long, Long>, Double>> ambiguous;
        long joined;
        long refused;
    }

    private static ComponentOut clusterOne(Iterable<Tuple2<Long, Prepared>> records, Iterable<double[]> edges, Iterable<long[]> decisions) {
        List<Tuple2<Long, Prepared>> rs = new ArrayList<>();
        records.forEach(rs::add);
        rs.sort(Comparator.comparingLong(Tuple2::_1));
        int n = rs.size();
        Map<Long, Integer> local = new HashMap<>(n * 2);
        List<Prepared> prepared = new ArrayList<>(n);
        int[] rank = new int[n];
        long[] ranks = new long[n];
        for (int i = 0; i < n; i++) {
            local.put(rs.get(i)._1(), i);
            prepared.add(rs.get(i)._2());
            rank[i] = i; // local order is the canonical order, which is all the ties need
            ranks[i] = rs.get(i)._1();
        }
        List<LinkPieces.Edge> es = new ArrayList<>();
        List<LinkPieces.ReviewEdge> rs2 = new ArrayList<>();
        for (double[] e : edges) {
            if (e[3] == 0) {
                es.add(new LinkPieces.Edge(local.get((long) e[0]), local.get((long) e[1]), e[2]));
            } else {
                rs2.add(new LinkPieces.ReviewEdge(local.get((long) e[0]), local.get((long) e[1]), e[2], e[3] == 2));
            }
        }
        // The engine applies decisions in its input order; the outcome does not depend on it ("same"
        // joins are unconditional, and "different" marks are carried by whichever root absorbs them).
        List<long[]> ds = new ArrayList<>();
        decisions.forEach(ds::add);
        ds.sort(Comparator.<long[]>comparingLong(d -> d[0]).thenComparingLong(d -> d[1]).thenComparingLong(d -> d[2]));
        List<Decision> dl = new ArrayList<>();
        for (long[] d : ds) {
            Integer a = local.get(d[0]);
            Integer b = local.get(d[1]);
            if (a != null && b != null) {
                dl.add(new Decision(a, b, d[2] == 1));
            }
        }
        LinkPieces.ComponentResult r = LinkPieces.clusterComponent(prepared, rank, es, rs2, dl);
        ComponentOut out = new ComponentOut();
        out.ranks = ranks;
        out.person = new long[n];
        for (int i = 0; i < n; i++) {
            out.person[i] = ranks[r.clusterOf()[i]];
        }
        out.bestLinked = r.bestLinked();
        out.ambiguous = new ArrayList<>();
        for (LinkPieces.Edge e : r.ambiguous()) {
            out.ambiguous.add(new Tuple2<>(new Tuple2<>(ranks[e.a()], ranks[e.b()]), e.weight()));
        }
        out.joined = r.joined();
        out.refused = r.refused();
        return out;
    }

    /** One deserialised model per executor JVM and broadcast, instead of one per pair. */
    static final class ModelCache {
        private static byte[] bytes;
        private static Model model;

        static synchronized Model get(byte[] b) {
            if (b != bytes) {
                model = LinkPieces.modelFromBytes(b);
                bytes = b;
            }
            return model;
        }
    }
}
