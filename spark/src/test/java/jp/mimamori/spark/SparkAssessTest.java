package jp.mimamori.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import jp.mimamori.core.assess.Assessment;
import jp.mimamori.core.assess.AssessmentFiles;
import jp.mimamori.core.assess.Fact;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.assess.PuModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same facts assessed in-process (the core {@link Assessment}, as {@code ./mimamori assess} runs it) and on
 * Spark local[2] give the same indicators, flags, scores (within 1e-12), ranks, reasons, proposals and group
 * figures; again with the file's rows shuffled and another number of partitions; and the files Spark writes
 * read back (as import-assessment reads them) to the same outcome.
 */
class SparkAssessTest {

    @TempDir
    static Path dir;
    static List<Fact> facts;
    static Set<String> connected;
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void town() throws Exception {
        facts = SyntheticFacts.town(1_500, 7);
        // A few children an outreach connected to support: positives without a consultation.
        connected = new TreeSet<>();
        for (Fact f : facts) {
            if (f instanceof Fact.Person p && p.child() && p.personId().hashCode() % 97 == 0) {
                connected.add(p.personId());
            }
        }
        // The session every command opens, its serializer included.
        spark = SparkSessions.open("local[2]", "mimamori-assess-test");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Assessment.Settings settings(Double prior) {
        return new Assessment.Settings(SyntheticFacts.AS_OF, prior, Set.of(Indicator.NURSE_ROOM_DAYS), 0.01);
    }

    static Path inputs(String name, Double prior) throws Exception {
        Path d = dir.resolve(name);
        AssessmentFiles.writeInputs(d, 42, settings(prior), facts, SyntheticFacts.rules(), connected);
        return d;
    }

    @Test
    void sparkDecidesWhatTheInProcessRunDecides() throws Exception {
        Path in = inputs("plain", null);
        Assessment.Outcome expected = Assessment.assess(settings(null), facts, SyntheticFacts.rules(), connected);
        assertThat(expected.children()).hasSizeGreaterThan(2_000);
        assertThat(expected.flagged()).isPositive();
        assertThat(expected.model().positives()).isGreaterThan(50);
        AssessmentFiles.Inputs inputs = AssessmentFiles.readInputs(in, false);

        SparkAssess.Result s = SparkAssess.assess(sc, SparkAssessCommand.read(spark, in.resolve(AssessmentFiles.FACTS)), inputs, 3);
        same(expected, s.outcome());

        // The file's rows in another order, read into another number of partitions.
        List<String> lines = Files.readAllLines(in.resolve(AssessmentFiles.FACTS), StandardCharsets.UTF_8);
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(body, new Random(3));
        Path shuffled = dir.resolve("shuffled");
        Files.createDirectories(shuffled);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        out.addAll(body);
        Files.write(shuffled.resolve(AssessmentFiles.FACTS), out, StandardCharsets.UTF_8);
        SparkAssess.Result r = SparkAssess.assess(sc, SparkAssessCommand.read(spark, shuffled.resolve(AssessmentFiles.FACTS)).repartition(5), inputs, 7);
        same(expected, r.outcome());

        // What spark assess writes reads back, as import-assessment reads it, to the same decisions.
        Path result = dir.resolve("out");
        AssessmentFiles.writeOutcome(result, inputs.linkRun(), r.outcome());
        AssessmentFiles.Finished back = AssessmentFiles.readOutcome(result);
        assertThat(back.linkRun()).isEqualTo(42);
        same(expected, back.outcome());
    }

    @Test
    void withAGivenPriorToo() throws Exception {
        Path in = inputs("prior", 0.05);
        Assessment.Outcome expected = Assessment.assess(settings(0.05), facts, SyntheticFacts.rules(), connected);
        assertThat(expected.model().priorGiven()).isTrue();
        SparkAssess.Result s = SparkAssess.assess(sc, SparkAssessCommand.read(spark, in.resolve(AssessmentFiles.FACTS)), AssessmentFiles.readInputs(in, false), 4);
        same(expected, s.outcome());
        assertThat(s.outcome().model().scores().stream().mapToDouble(PuModel.Score::score).average().orElseThrow()).isCloseTo(0.05, within(1e-6));
    }

    static void same(Assessment.Outcome a, Assessment.Outcome b) {
        assertThat(b.children()).hasSameSizeAs(a.children());
        for (int i = 0; i < a.children().size(); i++) {
            Assessment.Child x = a.children().get(i);
            Assessment.Child y = b.children().get(i);
            assertThat(y.personId()).isEqualTo(x.personId());
            assertThat(y.key()).isEqualTo(x.key());
            assertThat(y.foreign()).isEqualTo(x.foreign());
            assertThat(y.indicators().ageYears()).isEqualTo(x.indicators().ageYears());
            assertThat(y.indicators().values()).containsExactly(x.indicators().values());
        }
        assertThat(b.flags()).isEqualTo(a.flags());
        assertThat(b.came()).isEqualTo(a.came());
        assertThat(b.model().labelFrequency()).isCloseTo(a.model().labelFrequency(), within(1e-12));
        assertThat(b.model().estimatedPrior()).isCloseTo(a.model().estimatedPrior(), within(1e-12));
        assertThat(b.model().classPrior()).isCloseTo(a.model().classPrior(), within(1e-12));
        assertThat(b.model().positives()).isEqualTo(a.model().positives());
        assertThat(b.model().features()).isEqualTo(a.model().features());
        assertThat(b.ranked()).hasSameSizeAs(a.ranked());
        for (int i = 0; i < a.ranked().size(); i++) {
            PuModel.Score x = a.ranked().get(i);
            PuModel.Score y = b.ranked().get(i);
            assertThat(y.personId()).as("rank %d", i + 1).isEqualTo(x.personId());
            assertThat(y.score()).isCloseTo(x.score(), within(1e-12));
            assertThat(y.ranking()).isCloseTo(x.ranking(), within(1e-12));
            assertThat(y.raised()).isEqualTo(x.raised());
            assertThat(y.lowered()).isEqualTo(x.lowered());
        }
        assertThat(b.model().scores()).hasSameSizeAs(a.model().scores());
        assertThat(b.proposals()).isEqualTo(a.proposals());
        assertThat(b.groups()).hasSameSizeAs(a.groups());
        for (int i = 0; i < a.groups().size(); i++) {
            Assessment.GroupStat x = a.groups().get(i);
            Assessment.GroupStat y = b.groups().get(i);
            assertThat(List.of(y.dimension(), y.label(), y.children(), y.came(), y.ranked(), y.top5()))
                    .isEqualTo(List.of(x.dimension(), x.label(), x.children(), x.came(), x.ranked(), x.top5()));
            if (x.meanScore() != null) {
                assertThat(y.meanScore()).isCloseTo(x.meanScore(), within(1e-12));
            }
        }
    }
}
