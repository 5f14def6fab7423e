package jp.mimamori.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.mimamori.core.link.Decision;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.Model;
import jp.mimamori.core.link.ScoredPair;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same synthetic city (合成都市) linked in-process and on Spark local[2] gives the same persons, the
 * same match probabilities (within 1e-12) and the same review queue, in the same order, whatever the
 * input order and the number of partitions, with reviewers' decisions and with a stored model.
 */
class SparkIdentityTest {

    @TempDir
    static Path dir;
    static List<LinkRecord> records;
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void city() throws Exception {
        // The generator's ledger writer points log4j at its simple logger when log4j-to-slf4j is absent
        // (to quiet POI); Spark needs log4j-core's own context, which is on this classpath.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        SyntheticCity.generate(new SyntheticCity.Options(2_000, 13, YearMonth.of(2026, 4), dir), m -> { });
        records = CityRecords.load(dir).records();
        // The session every command opens, its serializer included.
        spark = SparkSessions.open("local[2]", "mimamori-identity-test");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sameAsInProcessWithDecisionsAnyOrderAnyPartitions() {
        LinkResult plain = new LinkageEngine().link(records);
        // A reviewer's decisions: one review pair is the same person; one linked pair is two people.
        List<Decision> decisions = new ArrayList<>();
        ScoredPair doubtful = plain.review().get(0);
        decisions.add(new Decision(doubtful.a(), doubtful.b(), true));
        int[] split = linkedPair(plain);
        decisions.add(new Decision(split[0], split[1], false));
        LinkResult expected = new LinkageEngine().link(records, decisions);
        assertThat(expected.clusterOf()[split[0]]).as("the 'different' decision takes effect").isNotEqualTo(expected.clusterOf()[split[1]]);
        assertThat(expected.clusterOf()[doubtful.a()]).as("the 'same' decision takes effect").isEqualTo(expected.clusterOf()[doubtful.b()]);

        List<SparkLink.KeyedDecision> keyed = new ArrayList<>();
        for (Decision d : decisions) {
            LinkRecord a = records.get(d.a());
            LinkRecord b = records.get(d.b());
            keyed.add(new SparkLink.KeyedDecision(a.source(), a.recordId(), b.source(), b.recordId(), d.same()));
        }
        SparkLink.Linked first = SparkLink.linked(sc, rows(records, 2), keyed, null, 2);
        assertSame(expected, first);
        assertThat(first.result().matchedPairs()).isPositive();

        List<LinkRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(7));
        SparkLink.Linked second = SparkLink.linked(sc, rows(shuffled, 5), keyed, null, 7);
        assertSame(expected, second);
        assertThat(second.result().candidatePairs()).isEqualTo(expected.candidatePairs());
        assertThat(second.result().pairsPerPass()).containsExactly(expected.passes().stream().mapToLong(p -> p.comparisons()).toArray());
    }

    @Test
    void sameAsInProcessWithAStoredModel() {
        Model stored = Model.fromJson(new LinkageEngine().estimate(records.subList(0, records.size() / 2)).toJson());
        LinkResult expected = new LinkageEngine().link(records, List.of(), stored);
        SparkLink.Linked got = SparkLink.linked(sc, rows(records, 3), List.of(), stored, 4);
        assertSame(expected, got);
    }

    private static int[] linkedPair(LinkResult r) {
        Map<Integer, Integer> firstOf = new HashMap<>();
        for (int i = 0; i < r.clusterOf().length; i++) {
            Integer other = firstOf.putIfAbsent(r.clusterOf()[i], i);
            if (other != null) {
                return new int[] {other, i};
            }
        }
        throw new AssertionError("no linked pair in the city");
    }

    private static JavaRDD<String[]> rows(List<LinkRecord> rs, int slices) {
        List<String[]> out = new ArrayList<>();
        for (LinkRecord r : rs) {
            out.add(new String[] {r.source(), r.recordId(), r.name(), r.kana(), r.birth() == null ? null : r.birth().toString(), r.sex(),
                    r.address(), r.postcode(), r.sharedId(), r.household()});
        }
        return sc.parallelize(out, slices);
    }

    private static String key(int i) {
        return SparkLink.key(records.get(i).source(), records.get(i).recordId());
    }

    private static void assertSame(LinkResult expected, SparkLink.Linked linked) {
        SparkLink.Result got = linked.result();
        Map<String, Double> probability = linked.probability();
        int n = records.size();
        // Each in-process person named by its member of lowest canonical key, as the Spark run names it.
        Map<Integer, String> lowest = new HashMap<>();
        for (int i = 0; i < n; i++) {
            lowest.merge(expected.clusterOf()[i], key(i), (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        Map<String, String> expectedPerson = new HashMap<>();
        int mismatchedP = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            expectedPerson.put(key(i), lowest.get(expected.clusterOf()[i]));
            double d = Math.abs(expected.bestProbability()[i] - probability.get(key(i)));
            worst = Math.max(worst, d);
            mismatchedP += d > 1e-12 ? 1 : 0;
        }
        assertThat(linked.personOf()).as("the same partition of records into persons").isEqualTo(expectedPerson);
        assertThat(mismatchedP).as("records whose probability differs by more than 1e-12 (worst %s)", worst).isZero();
        List<String> expectedQueue = new ArrayList<>();
        for (ScoredPair sp : expected.review()) {
            String a = key(sp.a());
            String b = key(sp.b());
            expectedQueue.add((a.compareTo(b) < 0 ? a + " / " + b : b + " / " + a));
        }
        List<String> gotQueue = got.review().stream().map(p -> p.keyA() + " / " + p.keyB()).toList();
        assertThat(gotQueue).as("the same review queue in the same order").isEqualTo(expectedQueue);
        for (int k = 0; k < expected.review().size(); k++) {
            assertThat(Math.abs(got.review().get(k).probability() - expected.review().get(k).probability())).isLessThanOrEqualTo(1e-12);
        }
        assertThat(got.joined()).isEqualTo(expected.matchedPairs());
        assertThat(got.refused()).isEqualTo(expected.refusedByConstraint());
    }
}
