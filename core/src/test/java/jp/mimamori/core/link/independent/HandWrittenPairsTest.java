package jp.mimamori.core.link.independent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written corpus {@code pairs.tsv}: record pairs as clerks type them, each with the truth
 * (same person or different people), linked once among an independent background city
 * ({@link TestCity}, about 3,000 people in three sources) so that the engine has data to estimate its
 * model from. One dynamic test per pair, named by its row, class and note.
 */
class HandWrittenPairsTest {

    /** One row of the corpus. */
    record Pair(int line, String kind, boolean same, boolean review, String[] a, String[] b, String note) {
        String label() {
            return "line " + line + " [" + kind + "] " + note;
        }
    }

    /** One record's raw fields: name, kana, birth, era, sex, address, postcode, shared id. */
    private static final int FIELDS = 8;
    private static final String[][] SOURCES = {{"juki", "zei"}, {"zei", "kenko"}, {"kenko", "juki"}, {"zei", "juki"},
            {"juki", "kenko"}, {"kenko", "zei"}};

    static List<Pair> pairs;
    /**
     * Rows the engine does not get right yet, by line of pairs.tsv, with why: shown as skipped (and in
     * the table as FAIL) so they stay in sight until they are fixed. Nothing else may fail.
     */
    static final Map<Integer, String> KNOWN_GAPS = Map.of(
            107, "surname and 丁目 changed at once, no shared identifier: too little agrees for a link without review",
            126, "twins whose given names read the same (陽翔/陽斗 ハルト): the twins rule needs the readings to differ",
            137, "twins whose given names read the same (莉央/莉緒 リオ)",
            168, "a shared identifier alone against a name written and read differently");

    static int[] clusterOf;
    /** Record pairs the engine left for a person to decide. */
    static java.util.Set<Long> reviewed = new java.util.HashSet<>();
    /** Index of record A of each pair in the linked list (B follows it). */
    static int[] firstRecord;
    /** Per pair: the parse problem of its raw fields, or null. */
    static String[] problems;

    @BeforeAll
    static void link() throws IOException {
        pairs = read();
        TestCity city = new TestCity(20_241_001L, TestCity.Noise.MILD).populate(3_000, 20, 0).write();
        List<LinkRecord> records = new ArrayList<>(city.records);
        firstRecord = new int[pairs.size()];
        problems = new String[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String[] src = SOURCES[i % SOURCES.length];
            firstRecord[i] = records.size();
            StringBuilder problem = new StringBuilder();
            records.add(record(src[0], "pairA-" + p.line(), p.a(), problem));
            records.add(record(src[1], "pairB-" + p.line(), p.b(), problem));
            problems[i] = problem.isEmpty() ? null : problem.toString();
        }
        long t0 = System.nanoTime();
        LinkResult result = new LinkageEngine().link(records);
        double seconds = (System.nanoTime() - t0) / 1e9;
        clusterOf = result.clusterOf();
        result.review().forEach(sp -> reviewed.add(Math.min(sp.a(), sp.b()) * 1_000_000L + Math.max(sp.a(), sp.b())));
        System.out.printf("HandWrittenPairsTest: %d background records (%d people), %d corpus pairs, linked in %.1f s%n",
                city.records.size(), city.people.size(), pairs.size(), seconds);
        if (city.unparsedDates > 0) {
            System.out.printf("  background: %d birth dates did not parse, e.g. %s%n", city.unparsedDates, city.unparsedExamples);
        }
        printTable();
    }

    private static LinkRecord record(String source, String id, String[] f, StringBuilder problem) {
        LocalDate birth = null;
        try {
            birth = RawFields.birth(f[2], f[3]);
        } catch (RuntimeException e) {
            problem.append("birth '").append(f[3] == null ? "" : f[3] + " ").append(f[2]).append("' does not parse (")
                    .append(e.getMessage()).append("); ");
        }
        String sex = RawFields.sex(f[4]);
        if (f[4] != null && sex == null) {
            problem.append("sex '").append(f[4]).append("' not understood; ");
        }
        return new LinkRecord(source, id, f[0], f[1], birth, sex, f[5], f[6], f[7], null);
    }

    static boolean linked(int i) {
        return clusterOf[firstRecord[i]] == clusterOf[firstRecord[i] + 1];
    }

    /** Expected "review": not linked, and in the review queue (the same name and birth date in another 町, say). */
    static boolean queued(int i) {
        return reviewed.contains(firstRecord[i] * 1_000_000L + firstRecord[i] + 1);
    }

    static boolean passes(int i) {
        return problems[i] == null && linked(i) == pairs.get(i).same() && (!pairs.get(i).review() || queued(i));
    }

    private static void printTable() {
        Map<String, int[]> byClass = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            int[] c = byClass.computeIfAbsent(pairs.get(i).kind(), k -> new int[2]);
            c[1]++;
            if (passes(i)) {
                c[0]++;
            }
        }
        StringBuilder b = new StringBuilder("  class            pass / total\n");
        int pass = 0;
        for (Map.Entry<String, int[]> e : byClass.entrySet()) {
            b.append(String.format("  %-16s %4d / %d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            pass += e.getValue()[0];
        }
        b.append(String.format("  %-16s %4d / %d%n", "all", pass, pairs.size()));
        for (int i = 0; i < pairs.size(); i++) {
            if (!passes(i)) {
                Pair p = pairs.get(i);
                b.append("  FAIL ").append(p.label()).append(": expected ").append(p.same() ? "same" : p.review() ? "review" : "different")
                        .append(problems[i] != null ? ", " + problems[i] : ", " + (linked(i) ? "linked" : "not linked")).append('\n');
            }
        }
        System.out.print(b);
    }

    @Test
    void corpusCoversEveryClass() {
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(120);
        assertThat(pairs.stream().map(Pair::kind).distinct()).contains("date", "sex", "address", "name", "variant", "kana",
                "typo", "surname_change", "birth_typo", "twins", "namesakes", "lookalike", "shared_id");
    }

    @TestFactory
    Stream<DynamicTest> everyPair() {
        return java.util.stream.IntStream.range(0, pairs.size()).mapToObj(i -> DynamicTest.dynamicTest(pairs.get(i).label(), () -> {
            Pair p = pairs.get(i);
            org.junit.jupiter.api.Assumptions.assumeFalse(KNOWN_GAPS.containsKey(p.line()),
                    () -> p.label() + ": known gap, not yet handled: " + KNOWN_GAPS.get(p.line()));
            if (problems[i] != null) {
                fail(p.label() + ": " + problems[i]);
            }
            assertThat(linked(i)).as("%s: %s vs %s should be %s", p.label(), String.join(",", nonNull(p.a())),
                    String.join(",", nonNull(p.b())), p.same() ? "one person" : "two people").isEqualTo(p.same());
            if (p.review()) {
                assertThat(queued(i)).as("%s: left for a person to decide", p.label()).isTrue();
            }
        }));
    }

    private static String[] nonNull(String[] f) {
        return Stream.of(f).map(s -> s == null ? "" : s).toArray(String[]::new);
    }

    static List<Pair> read() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                HandWrittenPairsTest.class.getResourceAsStream("pairs.tsv"), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            assertThat(header).startsWith("class\texpected\t");
            int line = 1;
            for (String s; (s = in.readLine()) != null; ) {
                line++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] c = s.split("\t", -1);
                if (c.length != 3 + 2 * FIELDS) {
                    throw new IllegalStateException("pairs.tsv line " + line + ": " + c.length + " columns");
                }
                String[] a = new String[FIELDS];
                String[] b = new String[FIELDS];
                for (int k = 0; k < FIELDS; k++) {
                    a[k] = RawFields.blankToNull(c[2 + k]);
                    b[k] = RawFields.blankToNull(c[2 + FIELDS + k]);
                }
                if (!c[1].equals("same") && !c[1].equals("different") && !c[1].equals("review")) {
                    throw new IllegalStateException("pairs.tsv line " + line + ": expected is " + c[1]);
                }
                out.add(new Pair(line, c[0], c[1].equals("same"), c[1].equals("review"), a, b, c[2 + 2 * FIELDS]));
            }
        }
        return out;
    }
}
