package jp.mimamori.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.mimamori.core.date.DateParseException;
import jp.mimamori.core.date.JapaneseDates;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCityTest {

    static final int RESIDENTS = 20_000;
    static final YearMonth MONTH = YearMonth.of(2026, 4);

    @TempDir
    static Path tmp;
    static Path city;
    static Map<String, String> text = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        city = tmp.resolve("city");
        SyntheticCity.generate(new SyntheticCity.Options(RESIDENTS, 7, MONTH, city), m -> { });
        for (SourceFormat f : SourceFormat.values()) {
            text.put(f.source.code(), decode(city.resolve(f.fileName()), f.encoding));
        }
    }

    static String decode(Path file, SourceFormat.Encoding enc) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int skip = enc.bom ? 3 : 0;
        return enc.charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    }

    static List<CSVRecord> rows(String source) throws IOException {
        try (Reader r = new java.io.StringReader(text.get(source))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static List<CSVRecord> truth(String file) throws IOException {
        try (Reader r = Files.newBufferedReader(city.resolve("truth").resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        SyntheticCity.generate(new SyntheticCity.Options(3_000, 42, MONTH, a), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(3_000, 42, MONTH, b), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(3_000, 43, MONTH, c), m -> { });
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(17).contains(Path.of("truth/twins.csv"), Path.of("truth/namesakes.csv"));
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllBytes(c.resolve("juki.csv"))).isNotEqualTo(Files.readAllBytes(a.resolve("juki.csv")));
    }

    @Test
    void everySourceFileDecodesStrictlyInItsDeclaredEncodingAndCp932FilesAreNotUtf8() throws IOException {
        List<CSVRecord> manifest;
        try (Reader r = Files.newBufferedReader(city.resolve(SyntheticCity.MANIFEST))) {
            manifest = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        assertThat(manifest).hasSize(10);
        for (SourceFormat f : SourceFormat.values()) {
            assertThat(text.get(f.source.code())).as(f.name()).startsWith(ExtractWriter.header(f)[0]);
            byte[] bytes = Files.readAllBytes(city.resolve(f.fileName()));
            assertThat(bytes.length > 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB).isEqualTo(f.encoding.bom);
            if (f.encoding == SourceFormat.Encoding.CP932) {
                assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)))
                        .as(f.name() + " must really be CP932").isInstanceOf(CharacterCodingException.class);
            }
        }
        assertThat(Charset.forName("windows-31j")).isEqualTo(SourceFormat.Encoding.CP932.charset);
    }

    @Test
    void variantKanjiFormsAreUsedInconsistentlyBetweenSystems() {
        String all = String.join("\n", text.values());
        for (String[] family : new String[][] {{"髙橋", "高橋"}, {"齋藤", "斎藤", "斉藤"}, {"渡邊", "渡邉", "渡辺"}, {"﨑", "崎"}, {"澤", "沢"}}) {
            long present = Stream.of(family).filter(all::contains).count();
            assertThat(present).as(String.join("/", family)).isGreaterThanOrEqualTo(2);
        }
        assertThat(text.get("teate") + text.get("kosodate") + text.get("komu")).as("𠮷 only where UTF-8 allows it").contains("𠮷");
        assertThat(text.get("juki")).doesNotContain("𠮷");
    }

    @Test
    void everyDateNotationOccursIncludingGannen() {
        assertThat(Pattern.compile("令和\\d{1,2}年\\d{1,2}月\\d{1,2}日").matcher(text.get("gakurei")).find()).isTrue();
        assertThat(text.get("gakurei")).contains("令和元年");
        assertThat(Pattern.compile(",[SHR]\\d{1,2}\\.\\d{1,2}\\.\\d{1,2},").matcher(text.get("zei")).find()).isTrue();
        assertThat(Pattern.compile(",[SHR]\\d\\d\\.\\d\\d\\.\\d\\d,").matcher(text.get("shogai")).find()).isTrue();
        assertThat(Pattern.compile(",(昭和|平成|令和),\\d{1,2}/\\d{1,2}/\\d{1,2},").matcher(text.get("juki")).find()).isTrue();
        assertThat(Pattern.compile(",\\d{4}-\\d\\d-\\d\\d,").matcher(text.get("kosodate")).find()).isTrue();
        assertThat(Pattern.compile(",\\d{4}/\\d{1,2}/\\d{1,2},").matcher(text.get("teate")).find()).isTrue();
        assertThat(Pattern.compile(",\\d{8},").matcher(text.get("kenko")).find()).isTrue();
    }

    @Test
    void addressNotationsKanaFormsAndFullWidthDigitsOccur() {
        assertThat(Pattern.compile("\\d+丁目\\d+番\\d+号").matcher(text.get("teate")).find()).isTrue();
        assertThat(Pattern.compile("[一二三四五]丁目\\d+-\\d+").matcher(text.get("juki")).find()).isTrue();
        assertThat(Pattern.compile("[０-９]+－[０-９]+－[０-９]+").matcher(text.get("zei")).find()).isTrue();
        assertThat(Pattern.compile("[０-９]+ー[０-９]+ー[０-９]+").matcher(text.get("zei") + text.get("shogai") + text.get("kenko")).find())
                .as("long-vowel mark typed as a hyphen").isTrue();
        assertThat(Pattern.compile("[ｦ-ﾟ]{3,}").matcher(text.get("zei")).find()).as("half-width kana").isTrue();
        assertThat(Pattern.compile("[ぁ-ゖ]{3,}").matcher(text.get("kosodate")).find()).as("hiragana readings").isTrue();
        assertThat(text.get("juki")).contains("グランメゾン", "号室");
        assertThat(Pattern.compile("[A-Z]{3,} [A-Z]{2,}").matcher(text.get("juki")).find()).as("romanised foreign names").isTrue();
        assertThat(text.get("zei") + text.get("teate")).containsAnyOf("グエン", "サントス", "シルバ", "グルン", "スミス");
    }

    @Test
    void groundTruthCoversEveryRecordAndAgreesWithTheRegistry() throws IOException {
        Map<String, CSVRecord> persons = new HashMap<>();
        for (CSVRecord p : truth("persons.csv")) {
            persons.put(p.get("person_id"), p);
        }
        Map<String, Set<String>> recordsBySource = new HashMap<>();
        Map<String, String> jukiPerson = new HashMap<>();
        for (CSVRecord r : truth("records.csv")) {
            assertThat(persons).containsKey(r.get("person_id"));
            recordsBySource.computeIfAbsent(r.get("source"), k -> new HashSet<>()).add(r.get("record_id"));
            if (r.get("source").equals("juki")) {
                jukiPerson.put(r.get("record_id"), r.get("person_id"));
            }
        }
        Set<Integer> corruptJukiLines = new HashSet<>();
        for (CSVRecord c : truth("corruptions.csv")) {
            if (c.get("source").equals("juki")) {
                corruptJukiLines.add(Integer.parseInt(c.get("line")));
            }
        }
        for (SourceFormat f : SourceFormat.values()) {
            int idColumn = f == SourceFormat.SEIHO ? 1 : 0;
            for (CSVRecord row : rows(f.source.code())) {
                assertThat(recordsBySource.get(f.source.code())).as(f.name()).contains(row.get(idColumn));
            }
        }
        int checked = 0;
        for (CSVRecord row : rows("juki")) {
            int line = (int) row.getRecordNumber() + 1;
            if (corruptJukiLines.contains(line)) {
                continue;
            }
            CSVRecord p = persons.get(jukiPerson.get(row.get("宛名番号")));
            assertThat(JapaneseDates.parse(row.get("生年月日元号"), row.get("生年月日"))).isEqualTo(LocalDate.parse(p.get("birth_date")));
            assertThat(row.get("性別")).isEqualTo(p.get("sex").equals("MALE") ? "1" : "2");
            checked++;
        }
        assertThat(checked).isGreaterThan(RESIDENTS * 9 / 10);
    }

    @Test
    void everyListedCorruptionIsReallyInvalidAndOnTheNamedLine() throws IOException {
        List<CSVRecord> corruptions = truth("corruptions.csv");
        assertThat(corruptions).hasSizeGreaterThan(5);
        Set<String> kinds = new HashSet<>();
        for (CSVRecord c : corruptions) {
            kinds.add(c.get("kind"));
            SourceFormat f = SourceFormat.valueOf(c.get("source").toUpperCase());
            CSVRecord row = rows(f.source.code()).get(Integer.parseInt(c.get("line")) - 2);
            String value = row.get(c.get("column"));
            assertThat(value).isEqualTo(c.get("value"));
            switch (c.get("kind")) {
                case "IMPOSSIBLE_DATE" -> assertThatThrownBy(() -> {
                    if (f == SourceFormat.JUKI) {
                        JapaneseDates.parse(row.get("生年月日元号"), value);
                    } else {
                        JapaneseDates.parse(value);
                    }
                }).isInstanceOf(DateParseException.class);
                case "BAD_CODE" -> assertThat(value).isEqualTo("9");
                default -> assertThat(value).isEmpty();
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("IMPOSSIBLE_DATE", "BAD_CODE", "MISSING_REQUIRED");
    }

    @Test
    void lifeEventsOfTheMonthAndOfThePastAppear() throws IOException {
        Set<String> events = new HashSet<>();
        for (CSVRecord row : rows("juki")) {
            events.add(row.get("異動事由"));
        }
        assertThat(events).contains("転入", "転出", "転居", "出生", "死亡");
        List<CSVRecord> persons = truth("persons.csv");
        assertThat(persons.stream().filter(p -> !p.get("surname_changed").isEmpty() && p.get("relation").equals("CHILD"))).isNotEmpty();
        assertThat(persons.stream().map(p -> p.get("nationality")).distinct()).contains("JP", "CN", "VN");
        List<CSVRecord> households = truth("households.csv");
        assertThat(households.stream().map(h -> h.get("type")).distinct())
                .contains("SINGLE_MOTHER", "SINGLE_FATHER", "THREE_GENERATION", "COUPLE_WITH_CHILDREN");
    }

    @Test
    void needIsLatentAndOnlySomeOfThoseInNeedCameForwardNotAtRandom() throws IOException {
        List<CSVRecord> persons = truth("persons.csv");
        Map<String, CSVRecord> households = new HashMap<>();
        for (CSVRecord h : truth("households.csv")) {
            households.put(h.get("household_id"), h);
        }
        List<CSVRecord> inNeed = new ArrayList<>();
        long children = 0;
        for (CSVRecord p : persons) {
            if (p.get("status").equals("RESIDENT") && LocalDate.parse(p.get("birth_date")).isAfter(MONTH.atEndOfMonth().minusYears(18))) {
                children++;
            }
            if (p.get("needs_support").equals("1")) {
                inNeed.add(p);
                assertThat(p.get("causes")).isNotEmpty();
            }
        }
        double prevalence = inNeed.size() / (double) children;
        assertThat(prevalence).isBetween(0.02, 0.15);
        double isolatedRate = rate(inNeed, households, true);
        double connectedRate = rate(inNeed, households, false);
        assertThat(connectedRate).as("share who came forward").isBetween(0.2, 0.8);
        assertThat(isolatedRate).as("isolated families come forward less").isLessThan(connectedRate);
    }

    private static double rate(List<CSVRecord> inNeed, Map<String, CSVRecord> households, boolean isolated) {
        long n = 0;
        long came = 0;
        for (CSVRecord p : inNeed) {
            if (households.get(p.get("household_id")).get("isolated").equals(isolated ? "1" : "0")) {
                n++;
                came += p.get("came_forward").equals("1") ? 1 : 0;
            }
        }
        return came / (double) n;
    }

    @Test
    void theNextMonthContinuesThisMonth() throws IOException {
        Path m1 = tmp.resolve("m1");
        Path m2 = tmp.resolve("m2");
        SyntheticCity.generate(new SyntheticCity.Options(3_000, 5, YearMonth.of(2025, 6), m1), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(3_000, 5, YearMonth.of(2025, 7), m2), m -> { });
        Map<String, String> before = jukiBirths(m1);
        Map<String, String> after = jukiBirths(m2);
        long kept = before.keySet().stream().filter(after::containsKey).count();
        assertThat(kept).isGreaterThan(before.size() * 97L / 100);
        before.forEach((id, birth) -> {
            if (after.containsKey(id)) {
                assertThat(after.get(id)).isEqualTo(birth);
            }
        });
    }

    private static Map<String, String> jukiBirths(Path dir) throws IOException {
        Map<String, String> m = new HashMap<>();
        String t = decode(dir.resolve("juki.csv"), SourceFormat.Encoding.CP932);
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(t))) {
            m.put(r.get("宛名番号"), r.get("生年月日元号") + r.get("生年月日"));
        }
        return m;
    }

    static Map<String, CSVRecord> personsById() throws IOException {
        Map<String, CSVRecord> persons = new HashMap<>();
        for (CSVRecord p : truth("persons.csv")) {
            persons.put(p.get("person_id"), p);
        }
        return persons;
    }

    /** Sources each true person has a record in (the allowance recipient's role aside). */
    static Map<String, Set<String>> sourcesByPerson() throws IOException {
        Map<String, Set<String>> m = new HashMap<>();
        for (CSVRecord r : truth("records.csv")) {
            if (!r.get("role").equals("recipient")) {
                m.computeIfAbsent(r.get("person_id"), k -> new HashSet<>()).add(r.get("source"));
            }
        }
        return m;
    }

    @Test
    void twinsAreAtLeastOnePercentOfBirthsWithSimilarNamesAndEachHasOwnRecordsEverywhereTheOtherHas() throws IOException {
        Map<String, CSVRecord> persons = personsById();
        List<CSVRecord> twins = truth("twins.csv");
        Set<String> inSets = new HashSet<>();
        long sameSex = 0;
        long sharedPrefix = 0;
        for (CSVRecord t : twins) {
            CSVRecord a = persons.get(t.get("person_id_a"));
            CSVRecord b = persons.get(t.get("person_id_b"));
            inSets.add(a.get("person_id"));
            inSets.add(b.get("person_id"));
            assertThat(b.get("household_id")).isEqualTo(a.get("household_id"));
            assertThat(b.get("birth_date")).isEqualTo(a.get("birth_date")).isEqualTo(t.get("birth_date"));
            assertThat(a.get("relation")).isEqualTo("CHILD");
            if (a.get("nationality").equals("JP")) {
                assertThat(b.get("given_name")).isNotEqualTo(a.get("given_name"));
                String ka = a.get("kana").split(" ")[1];
                String kb = b.get("kana").split(" ")[1];
                assertThat(kb).isNotEqualTo(ka);
                sharedPrefix += a.get("given_name").charAt(0) == b.get("given_name").charAt(0) || ka.charAt(0) == kb.charAt(0) ? 1 : 0;
            }
            sameSex += a.get("sex").equals(b.get("sex")) ? 1 : 0;
        }
        long children = persons.values().stream().filter(p -> p.get("relation").equals("CHILD")).count();
        assertThat(inSets.size() / (double) children).as("children born as twins or triplets").isGreaterThanOrEqualTo(0.01);
        assertThat(sameSex / (double) twins.size()).as("mostly of the same sex").isBetween(0.55, 0.9);
        assertThat(sharedPrefix / (double) twins.size()).as("names chosen together").isGreaterThan(0.5);

        // Both twins are wherever a child of their age is: the registry, allowances, health checks, school, nursery.
        Map<String, Set<String>> sources = sourcesByPerson();
        Set<String> seen = new HashSet<>();
        int resident = 0;
        for (CSVRecord t : twins) {
            CSVRecord a = persons.get(t.get("person_id_a"));
            CSVRecord b = persons.get(t.get("person_id_b"));
            // From 17 a daughter may be pregnant (a 妊娠届 of her own) and from 18 no allowance is paid.
            if (!a.get("status").equals("RESIDENT") || !b.get("status").equals("RESIDENT")
                    || !LocalDate.parse(a.get("birth_date")).isAfter(MONTH.atEndOfMonth().minusYears(17))) {
                continue;
            }
            resident++;
            Set<String> sa = new HashSet<>(sources.get(a.get("person_id")));
            Set<String> sb = new HashSet<>(sources.get(b.get("person_id")));
            // Disability and consultations are each child's own.
            for (Set<String> x : List.of(sa, sb)) {
                x.removeAll(Set.of("shogai", "soudan"));
            }
            assertThat(sb).as(t.toString()).isEqualTo(sa).contains("juki", "teate");
            seen.addAll(sa);
        }
        assertThat(resident).isGreaterThan(20);
        assertThat(seen).contains("juki", "teate", "kenko", "gakurei", "kosodate");
    }

    @Test
    void namesakesAreDifferentPersonsWithTheSameNameReadingBirthDateAndSexMostlyInDifferentTowns() throws IOException {
        Map<String, CSVRecord> persons = personsById();
        List<CSVRecord> namesakes = truth("namesakes.csv");
        assertThat(namesakes.size()).as("pairs in a city of " + RESIDENTS).isGreaterThanOrEqualTo(5);
        long otherTown = 0;
        long childPairs = 0;
        for (CSVRecord n : namesakes) {
            CSVRecord a = persons.get(n.get("person_id_a"));
            CSVRecord b = persons.get(n.get("person_id_b"));
            assertThat(b.get("person_id")).isNotEqualTo(a.get("person_id"));
            assertThat(b.get("household_id")).isNotEqualTo(a.get("household_id"));
            for (String field : List.of("surname", "given_name", "kana", "birth_date", "sex")) {
                assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
            }
            otherTown += n.get("town_a").equals(n.get("town_b")) ? 0 : 1;
            childPairs += LocalDate.parse(a.get("birth_date")).isAfter(MONTH.atEndOfMonth().minusYears(18)) ? 1 : 0;
        }
        assertThat(otherTown / (double) namesakes.size()).isGreaterThanOrEqualTo(0.8);
        assertThat(childPairs).as("children among them").isPositive().isLessThan(namesakes.size());
        Map<String, Set<String>> sources = sourcesByPerson();
        assertThat(namesakes.stream().filter(n -> sources.getOrDefault(n.get("person_id_a"), Set.of()).contains("juki")
                && sources.getOrDefault(n.get("person_id_b"), Set.of()).contains("juki"))).as("both in the registry").isNotEmpty();
    }

    @Test
    void theSharedIdIsInTheCoreSystemsOnlyMostlyRightSometimesEmptyOrWrong() throws IOException {
        Map<String, String> sharedColumn = Map.of("zei", "宛名番号", "teate", "児童宛名番号", "shogai", "住民コード", "kenko", "宛名番号", "seiho", "住民コード");
        for (String s : List.of("gakurei", "kosodate", "komu", "soudan")) {
            SourceFormat f = SourceFormat.valueOf(s.toUpperCase());
            assertThat(ExtractWriter.header(f)).as(s).doesNotContain("宛名番号", "住民コード", "児童宛名番号");
        }
        Map<String, String> personOf = new HashMap<>();
        for (CSVRecord r : truth("records.csv")) {
            if (!r.get("role").equals("recipient")) {
                personOf.put(r.get("source") + ":" + r.get("record_id"), r.get("person_id"));
            }
        }
        for (CSVRecord row : rows("juki")) {
            String pid = personOf.get("juki:" + row.get("宛名番号"));
            assertThat(row.get("宛名番号")).isEqualTo(Ids.record(jp.mimamori.core.source.SourceSystem.JUKI, Integer.parseInt(pid.substring(1))));
        }
        long n = 0;
        long empty = 0;
        long wrong = 0;
        for (Map.Entry<String, String> e : sharedColumn.entrySet()) {
            SourceFormat f = SourceFormat.valueOf(e.getKey().toUpperCase());
            int idColumn = f == SourceFormat.SEIHO ? 1 : 0;
            Map<String, String> byPerson = new HashMap<>();
            for (CSVRecord row : rows(e.getKey())) {
                String pid = personOf.get(e.getKey() + ":" + row.get(idColumn));
                String value = row.get(e.getValue());
                String previous = byPerson.put(pid, value);
                assertThat(previous == null || previous.equals(value)).as("one number per person in " + e.getKey()).isTrue();
            }
            long sourceEmpty = 0;
            for (Map.Entry<String, String> p : byPerson.entrySet()) {
                String own = Ids.record(jp.mimamori.core.source.SourceSystem.JUKI, Integer.parseInt(p.getKey().substring(1)));
                n++;
                if (p.getValue().isEmpty()) {
                    empty++;
                    sourceEmpty++;
                } else {
                    assertThat(p.getValue()).matches("\\d{9}");
                    wrong += p.getValue().equals(own) ? 0 : 1;
                }
            }
            assertThat(sourceEmpty).as(e.getKey() + " has some empty").isPositive();
        }
        assertThat(empty / (double) n).as("missing").isBetween(0.02, 0.04);
        assertThat(wrong / (double) n).as("mistyped or another's").isBetween(0.003, 0.01);
    }

    @Test
    void cityRecordsCarrySharedIdsRegistryHouseholdsAndTheTwinAndNamesakePairs() throws IOException {
        CityRecords.Loaded in = CityRecords.load(city);
        CityRecords.Loaded bare = CityRecords.load(city, false);
        assertThat(bare.records()).hasSameSizeAs(in.records());
        assertThat(bare.records()).allSatisfy(r -> assertThat(r.sharedId()).isNull());
        Map<String, Long> withShared = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        for (jp.mimamori.core.link.LinkRecord r : in.records()) {
            total.merge(r.source(), 1L, Long::sum);
            withShared.merge(r.source(), r.sharedId() == null ? 0L : 1L, Long::sum);
            if (r.source().equals("juki")) {
                assertThat(r.sharedId()).isEqualTo(r.recordId());
                assertThat(r.household()).matches("\\d{8}");
                assertThat(r.postcode()).isNotEmpty();
            } else {
                assertThat(r.household()).isNull();
            }
        }
        for (String s : List.of("zei", "teate", "shogai", "kenko", "seiho")) {
            assertThat(withShared.get(s) / (double) total.get(s)).as(s).isBetween(0.9, 0.995);
        }
        for (String s : List.of("gakurei", "kosodate", "komu", "soudan")) {
            assertThat(withShared.get(s)).as(s).isZero();
        }
        assertThat(in.twins()).hasSize(truth("twins.csv").size()).isNotEmpty();
        assertThat(in.namesakes()).hasSize(truth("namesakes.csv").size()).isNotEmpty();

        // The truth itself merges no twins or namesakes; one cluster for everything merges every pair present.
        PairsMerged byTruth = PairsMerged.of(in.truePerson(), in.truePerson(), in.twins());
        assertThat(byTruth.merged()).isZero();
        assertThat(byTruth.present()).isPositive().isLessThanOrEqualTo(byTruth.pairs());
        int[] oneCluster = new int[in.records().size()];
        PairsMerged all = PairsMerged.of(oneCluster, in.truePerson(), in.namesakes());
        assertThat(all.merged()).isEqualTo(all.present()).isPositive();
        assertThat(all.rate()).isEqualTo(1.0);
        assertThat(PairsMerged.of(in.truePerson(), in.truePerson(), in.namesakes()).merged()).isZero();
    }

    @Test
    void refusesMonthsOutsideTheSimulatedPeriodAndTinyCities() {
        assertThatThrownBy(() -> SyntheticCity.generate(new SyntheticCity.Options(1_000, 1, YearMonth.of(2020, 1), tmp.resolve("x")), m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2023-04");
        assertThatThrownBy(() -> new SyntheticCity.Options(5, 1, MONTH, tmp)).isInstanceOf(IllegalArgumentException.class);
    }
}
