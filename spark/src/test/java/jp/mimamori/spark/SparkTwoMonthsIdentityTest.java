package jp.mimamori.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.Model;
import jp.mimamori.core.link.RowFolding;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 4: a synthetic city over two consecutive months, with reviewers' decisions between
 * them, linked in-process (core's engine and {@link IdCarryOver}, exactly what the server's {@code link}
 * runs: {@link IdentityRun#link}) and by {@code spark link} on Spark local[2] from the extracts
 * {@code export-extracts} writes. Each month: the same partition of rows into persons, the same person
 * and household IDs, probabilities within 1e-12, the same review queue with the same explanations, the
 * same counts and blocking; the second month from extract files whose lines are shuffled, on another
 * number of partitions and scored with April's stored model, each side carrying IDs over from its own
 * first month. And the export-links
 * file ({@code links.csv}) is byte for byte the in-process one, written by the same function the
 * server's {@code export-links} uses.
 */
class SparkTwoMonthsIdentityTest {

    static final int RESIDENTS = 3_000;
    static final IdCarryOver.NewIds APRIL_IDS = IdCarryOver.NewIds.ofHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0");
    static final IdCarryOver.NewIds MAY_IDS = IdCarryOver.NewIds.ofHex("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");

    @TempDir
    static Path dir;
    static SparkSession spark;
    static List<LinkRecord> april;
    static List<LinkRecord> may;

    @BeforeAll
    static void city() throws Exception {
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        SyntheticCity.generate(new SyntheticCity.Options(RESIDENTS, 41, YearMonth.of(2026, 4), dir.resolve("city-04")), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(RESIDENTS, 41, YearMonth.of(2026, 5), dir.resolve("city-05")), m -> { });
        april = CityRecords.loadRows(dir.resolve("city-04")).records();
        may = CityRecords.loadRows(dir.resolve("city-05")).records();
        // The session every command opens, its serializer included.
        spark = SparkSessions.open("local[2]", "mimamori-two-months-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void twoMonthsWithDecisionsGiveTheSameIdsInProcessAndOnSpark() throws Exception {
        assertThat(RowFolding.fold(april).records().size()).as("rows that say the same thing are folded").isLessThan(april.size());
        assertThat(new HashSet<>(keys(april))).as("one row per record number").hasSize(april.size());

        // April: nobody has an ID yet; every one is new, computed from the extract's seed.
        LocalDate endOfApril = LocalDate.of(2026, 4, 30);
        IdentityFiles.ExtractInfo aprilInfo = new IdentityFiles.ExtractInfo(endOfApril, null, List.of(1L, 2L), APRIL_IDS.hex());
        IdentityRun inApril = IdentityRun.link(april, List.of(), null, Map.of(), Map.of(), endOfApril, APRIL_IDS);
        IdentityFiles.writeRun(dir.resolve("in-04"), inApril, aprilInfo);
        IdentityFiles.writeExtract(dir.resolve("extract-04"), april, List.of(), Map.of(), Map.of(), aprilInfo);
        SparkCommand.link(spark, new SparkCommand.Options(2, null, null, null, null, List.of(dir.resolve("extract-04")), dir.resolve("spark-04")));
        assertSameRun(dir.resolve("in-04"), dir.resolve("spark-04"));
        assertThat(inApril.counts().newPersons()).isEqualTo(inApril.counts().persons());
        assertThat(inApril.newHouseholds()).isNotEmpty();

        // Between the months a reviewer decides: one pair of the queue is one person, one linked pair two people.
        Set<String> inMay = new HashSet<>(keys(may));
        IdentityRun.Review doubtful = inApril.review().stream()
                .filter(r -> inMay.contains(IdCarryOver.key(r.sourceA(), r.recordA())) && inMay.contains(IdCarryOver.key(r.sourceB(), r.recordB())))
                .findFirst().orElseThrow();
        String[] split = linkedPairOfTwoRecords(inApril, inMay);
        List<IdentityRun.KeyedDecision> decisions = List.of(
                new IdentityRun.KeyedDecision(doubtful.sourceA(), doubtful.recordA(), doubtful.sourceB(), doubtful.recordB(), true),
                new IdentityRun.KeyedDecision(split[0], split[1], split[2], split[3], false));

        // May: each side carries IDs over from its own April.
        LocalDate endOfMay = LocalDate.of(2026, 5, 31);
        IdentityFiles.ExtractInfo mayInfo = new IdentityFiles.ExtractInfo(endOfMay, 7L, List.of(3L, 4L), MAY_IDS.hex());
        Map<String, String> previousIn = new HashMap<>();
        inApril.links().forEach(l -> previousIn.put(IdCarryOver.key(l.source(), l.recordId()), l.personId()));
        Map<String, String> householdsIn = new HashMap<>();
        inApril.newHouseholds().forEach(h -> householdsIn.put(h.householdNo(), h.householdId()));
        // Train once, score monthly: May is scored with April's model (as stored, from its JSON), on both sides.
        Model aprilModel = Model.fromJson(inApril.modelJson());
        Files.writeString(dir.resolve("april-model.json"), inApril.modelJson());
        IdentityRun inMayRun = IdentityRun.link(may, decisions, aprilModel, previousIn, householdsIn, endOfMay, MAY_IDS);
        IdentityFiles.writeRun(dir.resolve("in-05"), inMayRun, mayInfo);

        IdentityFiles.LoadedRun sparkApril = IdentityFiles.readRun(dir.resolve("spark-04"));
        Map<String, String> previousSpark = new HashMap<>();
        sparkApril.links().forEach(l -> previousSpark.put(IdCarryOver.key(l.source(), l.recordId()), l.personId()));
        Map<String, String> householdsSpark = new HashMap<>();
        sparkApril.newHouseholds().forEach(h -> householdsSpark.put(h.householdNo(), h.householdId()));
        Path mayExtract = dir.resolve("extract-05");
        IdentityFiles.writeExtract(mayExtract, may, decisions, previousSpark, householdsSpark, mayInfo);
        for (String f : List.of(IdentityFiles.LINK_RECORDS, IdentityFiles.LINK_ROWS, IdentityFiles.PREVIOUS, IdentityFiles.HOUSEHOLDS)) {
            shuffleLines(mayExtract.resolve(f));
        }
        SparkCommand.link(spark, new SparkCommand.Options(3, dir.resolve("april-model.json"), null, null, null, List.of(mayExtract), dir.resolve("spark-05")));
        assertSameRun(dir.resolve("in-05"), dir.resolve("spark-05"));

        // What May's run should show: most persons keep their ID, children nearly all, and both decisions hold.
        IdentityRun.Counts c = inMayRun.counts();
        assertThat(c.keptPersons()).isGreaterThan(c.persons() * 9 / 10);
        Map<String, IdentityRun.Link> mayLinks = new HashMap<>();
        inMayRun.links().forEach(l -> mayLinks.put(IdCarryOver.key(l.source(), l.recordId()), l));
        long children = 0;
        long keptChildren = 0;
        for (IdentityRun.Link l : inApril.links()) {
            IdentityRun.Link m = mayLinks.get(IdCarryOver.key(l.source(), l.recordId()));
            if (l.child() && l.source().equals("juki") && m != null) {
                children++;
                keptChildren += m.personId().equals(l.personId()) ? 1 : 0;
            }
        }
        assertThat(children).isGreaterThan(300);
        assertThat(keptChildren / (double) children).as("children keeping their こどもID from April to May").isGreaterThanOrEqualTo(0.995);
        assertThat(mayLinks.get(IdCarryOver.key(doubtful.sourceA(), doubtful.recordA())).personId())
                .as("the 'same' decision holds").isEqualTo(mayLinks.get(IdCarryOver.key(doubtful.sourceB(), doubtful.recordB())).personId());
        assertThat(mayLinks.get(IdCarryOver.key(split[0], split[1])).personId())
                .as("the 'different' decision holds").isNotEqualTo(mayLinks.get(IdCarryOver.key(split[2], split[3])).personId());
        assertThat(inMayRun.review()).noneMatch(r -> r.sourceA().equals(doubtful.sourceA()) && r.recordA().equals(doubtful.recordA())
                && r.sourceB().equals(doubtful.sourceB()) && r.recordB().equals(doubtful.recordB()));
    }

    /** Two rows of one April person that are two records (not folded together), both in May. */
    private static String[] linkedPairOfTwoRecords(IdentityRun run, Set<String> inMay) {
        RowFolding folded = RowFolding.fold(april);
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < april.size(); i++) {
            IdentityRun.Link l = run.links().get(i);
            if (!inMay.contains(IdCarryOver.key(l.source(), l.recordId()))) {
                continue;
            }
            Integer j = first.putIfAbsent(l.personId(), i);
            if (j != null && folded.representative()[j] != folded.representative()[i]) {
                LinkRecord a = april.get(j);
                LinkRecord b = april.get(i);
                return new String[] {a.source(), a.recordId(), b.source(), b.recordId()};
            }
        }
        throw new AssertionError("no linked pair of two records in April");
    }

    private static List<String> keys(List<LinkRecord> rows) {
        return rows.stream().map(r -> IdCarryOver.key(r.source(), r.recordId())).toList();
    }

    /** The data lines of a CSV file in another order (the header stays first). */
    private static void shuffleLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> data = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(data, new Random(13));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(data);
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    /**
     * The in-process run's files and the Spark run's: every row's person, household and child flag equal
     * and its probability within 1e-12; the queue in the same order with the same explanations and
     * probabilities within 1e-12; every other file byte for byte (links.csv rounds to four decimals).
     */
    private static void assertSameRun(Path expected, Path got) throws Exception {
        Map<String, List<String>> e = rows(expected.resolve(IdentityFiles.RECORD_LINKS));
        Map<String, List<String>> g = rows(got.resolve(IdentityFiles.RECORD_LINKS));
        assertThat(g.keySet()).as("the same rows").isEqualTo(e.keySet());
        int mismatched = 0;
        double worst = 0;
        for (Map.Entry<String, List<String>> x : e.entrySet()) {
            List<String> y = g.get(x.getKey());
            assertThat(y.subList(0, 5)).as("person, household and child flag of %s", x.getKey()).isEqualTo(x.getValue().subList(0, 5));
            double d = Math.abs(Double.parseDouble(x.getValue().get(5)) - Double.parseDouble(y.get(5)));
            worst = Math.max(worst, d);
            mismatched += d > 1e-12 ? 1 : 0;
        }
        assertThat(mismatched).as("rows whose probability differs by more than 1e-12 (worst %s)", worst).isZero();
        List<List<String>> eq = list(expected.resolve(IdentityFiles.LINK_REVIEW));
        List<List<String>> gq = list(got.resolve(IdentityFiles.LINK_REVIEW));
        assertThat(gq).as("review pairs").hasSameSizeAs(eq);
        for (int i = 0; i < eq.size(); i++) {
            assertThat(gq.get(i).subList(0, 5)).as("review pair %d", i + 1).isEqualTo(eq.get(i).subList(0, 5));
            assertThat(Math.abs(Double.parseDouble(gq.get(i).get(5)) - Double.parseDouble(eq.get(i).get(5)))).isLessThanOrEqualTo(1e-12);
            assertThat(gq.get(i).get(6)).as("explanation of review pair %d", i + 1).isEqualTo(eq.get(i).get(6));
        }
        for (String f : List.of(IdentityFiles.LINKS, IdentityFiles.NEW_HOUSEHOLDS, IdentityFiles.BLOCKING, IdentityFiles.RUN_INFO, IdentityFiles.MODEL)) {
            assertThat(Files.readString(got.resolve(f))).as(f).isEqualTo(Files.readString(expected.resolve(f)));
        }
        // What import-linkage reads, it reads without a fault.
        assertThat(IdentityFiles.readRun(got).links()).hasSize(e.size());
    }

    private static Map<String, List<String>> rows(Path file) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> r : list(file)) {
            out.put(r.get(0) + ":" + r.get(1), r);
        }
        return out;
    }

    private static List<List<String>> list(Path file) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord c : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(c.toList());
            }
        }
        return out;
    }
}
