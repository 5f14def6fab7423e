package jp.mimamori.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.link.Field;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.PairwiseQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linkage against the synthetic city's ground truth: pairwise precision and recall over every source. */
class LinkageOnTheCityTest {

    @TempDir
    Path tmp;

    @Test
    void linksTheCityWithHighPrecisionAndRecallLearningTheModelFromTheDataAlone() throws Exception {
        Path city = tmp.resolve("city");
        SyntheticCity.generate(new SyntheticCity.Options(20_000, 31, YearMonth.of(2026, 4), city), m -> { });
        CityRecords.Loaded in = CityRecords.load(city);
        LinkResult r = new LinkageEngine().link(in.records());
        PairwiseQuality q = PairwiseQuality.of(java.util.Arrays.stream(r.clusterOf()).boxed().toList(), in.truePerson());
        System.out.printf("records %d, candidate pairs %d, matched %d, review %d; precision %.4f recall %.4f; EM %d iterations, lambda %.4f%n",
                in.records().size(), r.candidatePairs(), r.matchedPairs(), r.review().size(), q.precision(), q.recall(), r.model().iterations(), r.model().lambda());
        for (Field f : Field.values()) {
            StringBuilder b = new StringBuilder(f.name());
            for (int l = 0; l < f.levels(); l++) {
                b.append(String.format("  %s m=%.3f u=%.4f w=%.1f", f.levelJa(l), r.model().m(f, l), r.model().u(f, l), r.model().weight(f, l)));
            }
            System.out.println(b);
        }
        PairsMerged twins = PairsMerged.of(r.clusterOf(), in.truePerson(), in.twins());
        PairsMerged namesakes = PairsMerged.of(r.clusterOf(), in.truePerson(), in.namesakes());
        System.out.printf("with shared identifiers: twins merged %d of %d, namesakes merged %d of %d; passes %s%n", twins.merged(), twins.present(),
                namesakes.merged(), namesakes.present(), r.passes());
        assertThat(twins.present()).as("the city has twins").isGreaterThan(20);
        assertThat(twins.rate()).as("twin pairs merged").isLessThanOrEqualTo(0.01);
        assertThat(namesakes.rate()).as("namesake pairs merged").isLessThanOrEqualTo(0.01);
        CityRecords.Loaded noIds = CityRecords.load(city, false);
        LinkResult r2 = new LinkageEngine().link(noIds.records());
        PairwiseQuality q2 = PairwiseQuality.of(java.util.Arrays.stream(r2.clusterOf()).boxed().toList(), noIds.truePerson());
        System.out.printf("without shared identifiers: precision %.4f recall %.4f; twins merged %d, namesakes merged %d%n", q2.precision(), q2.recall(),
                PairsMerged.of(r2.clusterOf(), noIds.truePerson(), noIds.twins()).merged(), PairsMerged.of(r2.clusterOf(), noIds.truePerson(), noIds.namesakes()).merged());
        assertThat(q2.precision()).isGreaterThanOrEqualTo(0.995);
        assertThat(q2.recall()).isGreaterThanOrEqualTo(0.99);
        // Per source pair the counts add up to the overall ones.
        var perPair = PairwiseQuality.bySourcePair(java.util.Arrays.stream(r.clusterOf()).boxed().toList(), in.truePerson(),
                in.records().stream().map(jp.mimamori.core.link.LinkRecord::source).toList());
        assertThat(perPair).containsKey("juki~teate");
        assertThat(perPair.values().stream().mapToLong(PairwiseQuality::truePairs).sum()).isEqualTo(q.truePairs());
        assertThat(perPair.values().stream().mapToLong(PairwiseQuality::correctPairs).sum()).isEqualTo(q.correctPairs());
        assertThat(perPair.values().stream().mapToLong(PairwiseQuality::predictedPairs).sum()).isEqualTo(q.predictedPairs());

        // The targets: pairwise precision >= 0.995 and recall >= 0.99 against the ground truth.
        assertThat(q.precision()).isGreaterThanOrEqualTo(0.995);
        assertThat(q.recall()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.model().weight(Field.BIRTH, 0)).as("agreeing birth dates are strong evidence").isGreaterThan(10);
        assertThat(r.model().weight(Field.SEX, 1)).as("a different sex is strong evidence against (floored, not a veto)").isLessThan(-8);

        // Every review pair is explained field by field, and the contributions add up to its weight.
        assertThat(r.review()).allSatisfy(sp -> {
            // Between the thresholds, or above MATCH where a rule says a person must decide (a namesake in another 町,
            // a record that fits two people).
            assertThat(sp.probability()).isGreaterThanOrEqualTo(LinkageEngine.REVIEW);
            if (sp.probability() >= LinkageEngine.MATCH) {
                assertThat(sp.contributions()).anyMatch(c -> c.field() == null);
            }
            assertThat(sp.contributions().stream().filter(c -> c.field() != null)).hasSize(Field.values().length);
        });
        var explained = new LinkageEngine().explain(r.model(), in.records(), 0, 1);
        double sum = explained.contributions().stream().mapToDouble(c -> c.bits()).sum();
        assertThat(explained.weight() - sum).as("prior").isCloseTo(Math.log(r.model().lambda() / (1 - r.model().lambda())) / Math.log(2),
                org.assertj.core.data.Offset.offset(1e-9));

        // Linkage does not depend on the order of its input: the same partition into persons.
        List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, in.records().size()).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(7));
        List<jp.mimamori.core.link.LinkRecord> shuffled = order.stream().map(in.records()::get).toList();
        LinkResult again = new LinkageEngine().link(shuffled);
        assertThat(partition(again.clusterOf(), shuffled)).isEqualTo(partition(r.clusterOf(), in.records()));
    }

    /** Clusters as sets of "source:record" names, comparable whatever the numbering and order. */
    static java.util.Set<java.util.Set<String>> partition(int[] clusterOf, List<jp.mimamori.core.link.LinkRecord> records) {
        Map<Integer, java.util.Set<String>> m = new HashMap<>();
        for (int i = 0; i < clusterOf.length; i++) {
            m.computeIfAbsent(clusterOf[i], k -> new java.util.HashSet<>()).add(records.get(i).source() + ":" + records.get(i).recordId());
        }
        return new java.util.HashSet<>(m.values());
    }
}
