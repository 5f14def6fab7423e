package jp.mimamori.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractParserTest {

    static final String YAML = """
            source: zei
            encoding: %s
            bad-rows: quarantine-rows
            record-id: 番号
            unique: [番号]
            columns:
              - {name: 番号, field: record_id, type: text, required: true}
              - {name: 氏名, field: name, type: text, required: true}
              - {name: カナ, field: kana, type: kana}
              - {name: 生年月日, field: birth_date, type: date, required: true, notations: [wareki-kanji, wareki-letter, iso]}
              - {name: 元号, field: era, type: era}
              - {name: 和暦日, field: era_date, type: date, notations: [era-column], era-column: 元号}
              - {name: 性別, field: sex, type: code, codes: {"1": 男, "2": 女}}
              - {name: 滞納, field: arrears, type: flag, yes-values: ["有"], no-values: ["無"]}
              - {name: 金額, field: amount, type: amount}
              - {name: 日数, field: days, type: integer}
            """;
    static final String HEADER = "番号,氏名,カナ,生年月日,元号,和暦日,性別,滞納,金額,日数\r\n";

    static SourceDefinition def(String encoding) {
        return DefinitionLoader.load("test.yml", new StringReader(YAML.formatted(encoding))).definition();
    }

    record Collected(List<ExtractParser.ParsedRow> good, List<ExtractParser.BadRow> bad, ExtractParser.Result result) {
    }

    static Collected parse(SourceDefinition d, byte[] bytes) {
        List<ExtractParser.ParsedRow> good = new ArrayList<>();
        List<ExtractParser.BadRow> bad = new ArrayList<>();
        ExtractParser.Result r = ExtractParser.parse(d, new ByteArrayInputStream(bytes), new ExtractParser.Sink() {
            public void good(ExtractParser.ParsedRow row) { good.add(row); }
            public void bad(ExtractParser.BadRow row) { bad.add(row); }
        });
        return new Collected(good, bad, r);
    }

    static byte[] bytes(String s, Charset cs) {
        return s.getBytes(cs);
    }

    @Test
    void normalisesAtTheEdgeAndKeepsTheRawValueBesideEveryChange() {
        String csv = HEADER + "A1,髙橋　陽翔 ,ﾀｶﾊｼ ﾊﾙﾄ,令和元年５月１日,令和,1/5/1,1,有,\"12,000円\",３\r\n"
                + "A2,齋藤 凛,さいとう　りん,R6.4.1,,,2,無,0,0\r\n";
        Collected c = parse(def("CP932"), bytes(csv, FileEncoding.WINDOWS_31J));
        assertThat(c.bad()).isEmpty();
        var a = c.good().get(0);
        assertThat(a.line()).isEqualTo(2);
        assertThat(a.recordId()).isEqualTo("A1");
        assertThat(a.fields()).containsEntry("name", "髙橋 陽翔").containsEntry("kana", "タカハシ ハルト")
                .containsEntry("birth_date", "2019-05-01").containsEntry("era_date", "2019-05-01").containsEntry("sex", "1")
                .containsEntry("arrears", true).containsEntry("amount", 12_000L).containsEntry("days", 3L);
        assertThat(a.raw()).containsEntry("name", "髙橋　陽翔 ").containsEntry("kana", "ﾀｶﾊｼ ﾊﾙﾄ").containsEntry("birth_date", "令和元年５月１日")
                .doesNotContainKey("sex");
        assertThat(c.good().get(1).fields()).containsEntry("kana", "サイトウ リン").containsEntry("birth_date", "2024-04-01").doesNotContainKey("era_date");
    }

    @Test
    void everyBadValueIsNamedByRowColumnValueAndReason() {
        String csv = HEADER
                + "B1,,カナ,平成31年5月1日,令和,1/4/30,9,多分,abc,1.5\r\n"
                + "B2,名前,カナ,6/4/1,,,1,有,0,0\r\n"
                + "B1,名前,カナ,2024-02-30,,,1,有,0,0\r\n"
                + "B4,名前,カナ\r\n";
        Collected c = parse(def("CP932"), bytes(csv, FileEncoding.WINDOWS_31J));
        assertThat(c.good()).isEmpty();
        assertThat(c.bad()).hasSize(4);
        assertThat(c.bad().get(0).problems()).extracting(Problem::column)
                .containsExactly("氏名", "生年月日", "和暦日", "性別", "滞納", "金額", "日数");
        assertThat(c.bad().get(0).problems().get(1).reasonJa()).contains("平成の期間外");
        assertThat(c.bad().get(0).problems().get(2).value()).isEqualTo("1/4/30");
        assertThat(c.bad().get(1).problems()).singleElement().satisfies(p -> assertThat(p.reasonEn()).contains("without its era"));
        assertThat(c.bad().get(2).problems()).extracting(Problem::reasonEn).containsExactly("no such date", "duplicate within the file (same as row 2)");
        assertThat(c.bad().get(3).line()).isEqualTo(5);
        assertThat(c.bad().get(3).problems().get(0).reasonEn()).contains("expected 10 columns, found 3");
        assertThat(c.result().rows()).isEqualTo(4);
    }

    @Test
    void fileLevelProblemsStopTheReading() {
        assertThat(parse(def("CP932"), new byte[0]).result().fileProblems().get(0).reasonEn()).isEqualTo("the file is empty");
        assertThat(parse(def("CP932"), bytes(HEADER, FileEncoding.WINDOWS_31J)).result().fileProblems().get(0).reasonEn()).contains("no data rows");
        String truncated = HEADER + "A1,名,カナ,R6.4.1,,,1,有,0,0\r\nA2,名,カ";
        assertThat(parse(def("CP932"), bytes(truncated, FileEncoding.WINDOWS_31J)).result().fileProblems().get(0).reasonEn()).contains("truncated");
        Collected utf8 = parse(def("CP932"), bytes(HEADER + "A1,名,カナ,R6.4.1,,,1,有,0,0\r\n", StandardCharsets.UTF_8));
        assertThat(utf8.result().fileProblems().get(0).reasonEn()).contains("header does not match");
        byte[] longLine = new byte[ExtractParser.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(longLine, (byte) 'x');
        assertThat(parse(def("CP932"), longLine).result().fileProblems().get(0).reasonEn()).contains("longer than 1 MB");
    }

    @Test
    void encodingIsDetectedAndInvalidBytesAreReported() {
        String row = "A1,﨑山　①,サキヤマ,R6.4.1,,,1,有,0,0\r\n";
        assertThat(parse(def("detect"), bytes(HEADER + row, StandardCharsets.UTF_8)).result().encoding()).isEqualTo(FileEncoding.UTF8);
        Collected cp = parse(def("detect"), bytes(HEADER + row, FileEncoding.WINDOWS_31J));
        assertThat(cp.result().encoding()).isEqualTo(FileEncoding.CP932);
        assertThat(cp.good().get(0).fields().get("name")).as("﨑 survives windows-31j; ① becomes 1 under NFKC").isEqualTo("﨑山 1");
        byte[] bom = bytes("\uFEFF" + HEADER + row, StandardCharsets.UTF_8);
        assertThat(parse(def("UTF-8-BOM"), bom).good()).hasSize(1);
        byte[] broken = bytes(HEADER + row, StandardCharsets.UTF_8);
        int i = new String(broken, StandardCharsets.ISO_8859_1).indexOf("A1,") + 3;
        broken[i] = (byte) 0xFF;
        Collected b = parse(def("UTF-8"), broken);
        assertThat(b.bad()).singleElement().satisfies(r -> assertThat(r.problems().get(0).reasonEn()).contains("not valid UTF-8"));
    }

    @Test
    void aBrokenDefinitionIsReportedWithItsFileAndKey() {
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader("source: nowhere\nencoding: CP932\n")))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("x.yml source").hasMessageContaining("unknown source system");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML.formatted("EBCDIC"))))
                .hasMessageContaining("x.yml encoding").hasMessageContaining("EBCDIC").hasMessageContaining("Shift_JIS")
                .hasMessageContaining("UTF-8-BOM").hasMessageContaining("detect");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML.formatted("CP932").replace("notations: [wareki-kanji, wareki-letter, iso]", "notations: [moon]"))))
                .hasMessageContaining("columns[4] notations").hasMessageContaining("unknown notation moon");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML.formatted("CP932").replace("record-id: 番号", "record-id: 無い列"))))
                .hasMessageContaining("record-id");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader("[unclosed")))
                .hasMessageContaining("not valid YAML");
    }

    static final String YAML2 = """
            source: juki
            encoding: %s
            bad-rows: quarantine-rows
            record-id: 番号
            shared-id: 宛名番号
            columns:
              - {name: 番号, field: record_id, type: text, required: true}
              - {name: 宛名番号, field: atena_no, type: integer}
              - {name: 生年月日, field: birth_date, type: date, required: true, notations: [iso]}
              - {name: 元号, field: era, type: era}
              - {name: 和暦日, field: era_date, type: date, notations: [era-column], era-column: 元号}
              - {name: 異動日, field: moved_on, type: date}
              - {name: 性別, field: sex, type: code, codes: {"1": 男, "2": 女}}
              - {name: 続柄, field: relation, type: code, codes: {"Ａ１": 世帯主, "02": 子}}
            """;
    static final String HEADER2 = "番号,宛名番号,生年月日,元号,和暦日,異動日,性別,続柄\r\n";

    static SourceDefinition def2(String encoding) {
        return DefinitionLoader.load("test2.yml", new StringReader(YAML2.formatted(encoding))).definition();
    }

    static Collected parseUtf8(String csv) {
        return parse(def2("UTF-8"), bytes(HEADER2 + csv, StandardCharsets.UTF_8));
    }

    @Test
    void aDateThatCarriesItsEraOrYearIsReadInAnyDateColumn() {
        String[] spellings = {"R6/4/1", "R6-4-1", "R6.4.1", "R06.04.01", "r6.4.1", "令和六年四月一日", "令和6年4月1日", "令和 6年 4月 1日",
                "2024年4月1日", "２０２４年４月１日", "2024.4.1", "2024/04/01", "2024-4-1", "20240401", "R6年4月1日"};
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < spellings.length; i++) {
            csv.append("A").append(i).append(",,").append(spellings[i]).append(",,,").append(spellings[i]).append(",,\r\n");
        }
        Collected c = parseUtf8(csv.toString());
        assertThat(c.bad()).as("declared [iso] only, yet every self-describing notation is read").isEmpty();
        assertThat(c.good()).hasSize(spellings.length).allSatisfy(r -> assertThat(r.fields())
                .containsEntry("birth_date", "2024-04-01").containsEntry("moved_on", "2024-04-01"));
        assertThat(c.good().get(5).raw()).containsEntry("birth_date", "令和六年四月一日");
        Collected eraLetters = parseUtf8("B1,,S60年4月2日,,,S60.4.2,,\r\nB2,,H1.1.8,,,h1.1.8,,\r\n");
        assertThat(eraLetters.good()).extracting(r -> r.fields().get("birth_date")).containsExactly("1985-04-02", "1989-01-08");
        assertThat(eraLetters.good()).extracting(r -> r.fields().get("moved_on")).containsExactly("1985-04-02", "1989-01-08");
    }

    @Test
    void theEraColumnFormNeedsItsEraColumnInKanjiOrLetter() {
        Collected c = parseUtf8("""
                A1,,2024-04-01,令和,6/4/1,,,
                A2,,2024-04-01,R,6.4.1,,,
                A3,,2024-04-01,ｒ,06-04-01,,,
                A4,,2024-04-01,令和,元/5/1,,,
                A5,,2024-04-01,令,6年4月1日,,,
                A6,,2024-04-01,令和,R6.4.1,,,
                """);
        assertThat(c.bad()).isEmpty();
        assertThat(c.good()).extracting(r -> r.fields().get("era_date"))
                .containsExactly("2024-04-01", "2024-04-01", "2024-04-01", "2019-05-01", "2024-04-01", "2024-04-01");
        Collected bad = parseUtf8("""
                B1,,6/4/1,,,,,
                B2,,2024-04-01,,6/4/1,,,
                B3,,2024-04-01,平成,R6.4.1,,,
                B4,,2024-04-01,令和,1/4/30,,,
                B5,,2024-04-01,,,元/5/1,,
                """);
        assertThat(bad.good()).isEmpty();
        assertThat(bad.bad()).extracting(r -> r.problems().get(0).column()).containsExactly("生年月日", "和暦日", "和暦日", "和暦日", "異動日");
        assertThat(bad.bad()).extracting(r -> r.problems().get(0).reasonEn()).containsExactly(
                "a Japanese-era date without its era: this column has no era column", "the era column '元号' is empty",
                "the date does not lie in the era given in column '元号' (平成)", "date lies outside the Reiwa era",
                "a Japanese-era date without its era: this column has no era column");
    }

    @Test
    void aDateThatCannotBeReadIsAProblemEvenInAnOptionalColumn() {
        Collected c = parseUtf8("""
                A1,,2024-04-01,,,,,
                A2,,2024-04-01,,,2月30日,,
                A3,,2024-04-01,,,令和元年4月30日,,
                A4,,2024-04-01,,,平成31年5月1日,,
                A5,,2024-04-01,,,2024年2月30日,,
                A6,,2024-04-01,,,きのう,,
                """);
        assertThat(c.good()).singleElement().satisfies(r -> assertThat(r.fields()).doesNotContainKey("moved_on"));
        assertThat(c.bad()).hasSize(5).allSatisfy(r -> assertThat(r.problems()).singleElement()
                .satisfies(p -> assertThat(p.column()).isEqualTo("異動日")));
        assertThat(c.bad()).extracting(r -> r.line()).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(c.bad()).extracting(r -> r.problems().get(0).value())
                .containsExactly("2月30日", "令和元年4月30日", "平成31年5月1日", "2024年2月30日", "きのう");
        assertThat(c.bad().get(1).problems().get(0).message()).contains("行 4 列「異動日」").contains("line 4 column '異動日'")
                .contains("['令和元年4月30日']");
    }

    @Test
    void sexIsReadInEverySpellingIntoTheCodeTableKey() {
        String[] male = {"1", "１", "男", "男性", "男子", "M", "Ｍ", "m", "male", "'Male'", " 男 "};
        String[] female = {"2", "２", "女", "女性", "女子", "F", "Ｆ", "f", "female", "'Female'"};
        StringBuilder csv = new StringBuilder();
        int n = 0;
        for (String s : male) {
            csv.append("M").append(n++).append(",,2024-04-01,,,,\"").append(s).append("\",\r\n");
        }
        for (String s : female) {
            csv.append("F").append(n++).append(",,2024-04-01,,,,\"").append(s).append("\",\r\n");
        }
        csv.append("X1,,2024-04-01,,,,不明,\r\n");
        Collected c = parseUtf8(csv.toString());
        assertThat(c.good()).hasSize(male.length + female.length);
        assertThat(c.good().subList(0, male.length)).allSatisfy(r -> assertThat(r.fields()).containsEntry("sex", "1"));
        assertThat(c.good().subList(male.length, c.good().size())).allSatisfy(r -> assertThat(r.fields()).containsEntry("sex", "2"));
        assertThat(c.good().get(3).raw()).containsEntry("sex", "男性");
        assertThat(c.good().get(0).raw()).doesNotContainKey("sex");
        assertThat(c.bad()).singleElement().satisfies(r -> assertThat(r.problems().get(0).reasonEn()).contains("not in the code table"));

        // A table keyed by the label (as the shipped zei definition) keeps its own keys.
        SourceDefinition zei = DefinitionLoader.load("zei.yml", new StringReader(YAML2.formatted("UTF-8")
                .replace("codes: {\"1\": 男, \"2\": 女}", "codes: {男: 男, 女: 女}"))).definition();
        Collected z = parse(zei, bytes(HEADER2 + "A1,,2024-04-01,,,,1,\r\nA2,,2024-04-01,,,,女性,\r\nA3,,2024-04-01,,,,Ｍ,\r\n", StandardCharsets.UTF_8));
        assertThat(z.good()).extracting(r -> r.fields().get("sex")).containsExactly("男", "女", "男");
    }

    @Test
    void codeTableKeysAreComparedAfterNfkc() {
        Collected c = parseUtf8("A1,,2024-04-01,,,,,A1\r\nA2,,2024-04-01,,,,,Ａ１\r\nA3,,2024-04-01,,,,,０２\r\nA4,,2024-04-01,,,,,2\r\n");
        assertThat(c.good()).extracting(r -> r.fields().get("relation")).as("stored as the table writes the key")
                .containsExactly("Ａ１", "Ａ１", "02");
        assertThat(c.bad()).singleElement().satisfies(r -> assertThat(r.problems().get(0).column()).isEqualTo("続柄"));
    }

    @Test
    void theSharedIdentifierIsWrittenAsCleanTextBesideTheColumnsOwnField() {
        Collected c = parseUtf8("A1,000123,2024-04-01,,,,,\r\nA2,００４５６,2024-04-01,,,,,\r\nA3,,2024-04-01,,,,,\r\nA4, 789 ,2024-04-01,,,,,\r\n");
        assertThat(c.bad()).isEmpty();
        assertThat(c.good().get(0).fields()).containsEntry("shared_id", "000123").containsEntry("atena_no", 123L);
        assertThat(c.good().get(1).fields()).containsEntry("shared_id", "00456");
        assertThat(c.good().get(2).fields()).doesNotContainKey("shared_id");
        assertThat(c.good().get(3).fields()).containsEntry("shared_id", "789");
        assertThat(def2("UTF-8").sharedIdColumn()).isEqualTo("宛名番号");
        assertThat(def("UTF-8").sharedIdColumn()).isNull();
        assertThat(parse(def("UTF-8"), bytes(HEADER + "A1,名,カナ,R6.4.1,,,1,有,0,0\r\n", StandardCharsets.UTF_8)).good().get(0).fields())
                .doesNotContainKey("shared_id");
    }

    @Test
    void unknownKeysAndABadSharedIdAreRefusedByName() {
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML2.formatted("UTF-8").replace("shared-id:", "shared_id:"))))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("x.yml shared_id").hasMessageContaining("unknown key 'shared_id'");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML2.formatted("UTF-8").replace("encoding:", "encodeing:"))))
                .hasMessageContaining("unknown key 'encodeing'");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML2.formatted("UTF-8").replace("type: era}", "type: era, requird: true}"))))
                .hasMessageContaining("columns[4] requird").hasMessageContaining("unknown key 'requird'");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML2.formatted("UTF-8").replace("shared-id: 宛名番号", "shared-id: 住民コード"))))
                .hasMessageContaining("x.yml shared-id").hasMessageContaining("not one of the columns: 住民コード");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML2.formatted("UTF-8").replace("field: relation", "field: shared_id"))))
                .hasMessageContaining("shared_id is kept for the shared-id column");
    }

    @Test
    void everyShippedDefinitionStillLoads() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("..", "server", "src");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(root), "run from the core module");
        List<java.nio.file.Path> files;
        try (var s = java.nio.file.Files.walk(root)) {
            files = s.filter(f -> f.toString().endsWith(".yml") && f.getParent().getFileName().toString().startsWith("sources")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(11);
        for (java.nio.file.Path f : files) {
            try (var r = java.nio.file.Files.newBufferedReader(f)) {
                assertThat(DefinitionLoader.load(f.toString(), r).definition().columns()).as(f.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void encodingNamesAreReadInTheirUsualSpellings() {
        for (String name : new String[] {"CP932", "cp932", "windows-31j", "Windows-31J", "MS932", "Shift_JIS", "shift-jis", "SJIS", "sjis", "cp943c", "x-sjis"}) {
            assertThat(def(name).encoding()).as(name).isEqualTo(FileEncoding.CP932);
        }
        for (String name : new String[] {"UTF-8", "utf8", "UTF8", "utf-8", "UTF-8N"}) {
            assertThat(def(name).encoding()).as(name).isEqualTo(FileEncoding.UTF8);
        }
        for (String name : new String[] {"UTF-8-BOM", "UTF-8 with BOM", "utf-8-bom", "UTF-8 (BOM)", "UTF8_BOM"}) {
            assertThat(def("\"" + name + "\"").encoding()).as(name).isEqualTo(FileEncoding.UTF8_BOM);
        }
        assertThat(def("detect").encoding()).isEqualTo(FileEncoding.DETECT);
        assertThat(FileEncoding.of("Shift_JIS").charset()).as("decoded as windows-31j, never as Shift_JIS").isEqualTo(FileEncoding.WINDOWS_31J);
    }

    static final String ASCII_YAML = """
            source: kenko
            encoding: %s
            bad-rows: quarantine-rows
            record-id: ID
            columns:
              - {name: ID, field: record_id, type: text, required: true}
              - {name: NAME, field: name, type: text}
              - {name: BIRTH, field: birth_date, type: date}
            """;

    static SourceDefinition asciiDef(String encoding) {
        return DefinitionLoader.load("ascii.yml", new StringReader(ASCII_YAML.formatted(encoding))).definition();
    }

    @Test
    void detectFindsCp932PastAnAsciiHeaderAndThousandsOfAsciiRows() {
        // The old detector looked at the first 64 KiB only: all ASCII here, so it said UTF-8 and every name became U+FFFD.
        StringBuilder csv = new StringBuilder("ID,NAME,BIRTH\r\n");
        int i = 0;
        while (csv.length() < 200_000) {
            csv.append(i++).append(",,2024-04-01\r\n");
        }
        csv.append("X1,髙橋 陽翔①,令和6年4月1日\r\nX2,齋藤　凛,R6.4.1\r\n");
        Collected cp = parse(asciiDef("detect"), bytes(csv.toString(), FileEncoding.WINDOWS_31J));
        assertThat(cp.bad()).isEmpty();
        assertThat(cp.result().encoding()).isEqualTo(FileEncoding.CP932);
        assertThat(cp.good().get(cp.good().size() - 2).fields()).containsEntry("name", "髙橋 陽翔1").containsEntry("birth_date", "2024-04-01");
        Collected utf8 = parse(asciiDef("detect"), bytes(csv.toString(), StandardCharsets.UTF_8));
        assertThat(utf8.bad()).isEmpty();
        assertThat(utf8.result().encoding()).isEqualTo(FileEncoding.UTF8);
        assertThat(utf8.good().get(utf8.good().size() - 1).fields()).containsEntry("name", "齋藤 凛");
        Collected ascii = parse(asciiDef("detect"), bytes("ID,NAME,BIRTH\r\n1,,2024-04-01\r\n", StandardCharsets.US_ASCII));
        assertThat(ascii.good()).hasSize(1);
        assertThat(ascii.result().encoding()).isEqualTo(FileEncoding.UTF8);
    }

    @Test
    void detectTellsTheEncodingsApartOnLongLinesAndAtSampleBoundaries() {
        String longName = "山田太郎".repeat(12_000); // one row far longer than any sample
        String csv = "ID,NAME,BIRTH\r\n1," + longName + ",2024-04-01\r\n";
        assertThat(parse(asciiDef("detect"), bytes(csv, StandardCharsets.UTF_8)).result().encoding()).isEqualTo(FileEncoding.UTF8);
        assertThat(parse(asciiDef("detect"), bytes(csv, FileEncoding.WINDOWS_31J)).result().encoding()).isEqualTo(FileEncoding.CP932);
        Collected cpLong = parse(asciiDef("detect"), bytes(csv, FileEncoding.WINDOWS_31J));
        assertThat(cpLong.good()).singleElement().satisfies(r -> assertThat(r.fields().get("name")).isEqualTo(longName));
        // A three-byte character cut by the window's end, for every offset of the cut.
        for (int pad = 0; pad < 3; pad++) {
            StringBuilder b = new StringBuilder("ID,NAME,BIRTH\r\n1,あ" + "x".repeat(pad));
            while (b.toString().getBytes(StandardCharsets.UTF_8).length < DecodingReader.WINDOW + 40) {
                b.append("あ");
            }
            b.append(",2024-04-01\r\n");
            Collected u = parse(asciiDef("detect"), bytes(b.toString(), StandardCharsets.UTF_8));
            assertThat(u.result().encoding()).as("pad " + pad).isEqualTo(FileEncoding.UTF8);
            assertThat(u.bad()).isEmpty();
        }
        byte[] head = "ID,NAME\r\n1,あい".getBytes(StandardCharsets.UTF_8);
        assertThat(FileEncoding.detect(head, head.length - 1)).as("a sample that ends inside a character").isEqualTo(FileEncoding.UTF8);
        byte[] cpHead = "ID,NAME\r\n1,あい".getBytes(FileEncoding.WINDOWS_31J);
        assertThat(FileEncoding.detect(cpHead, cpHead.length)).isEqualTo(FileEncoding.CP932);
    }

    @Test
    void aByteOrderMarkNeverBreaksTheHeader() {
        String csv = HEADER + "A1,名,カナ,R6.4.1,,,1,有,0,0\r\n";
        byte[] bom = bytes("\uFEFF" + csv, StandardCharsets.UTF_8);
        for (String enc : new String[] {"UTF-8", "UTF-8-BOM", "detect"}) {
            Collected c = parse(def(enc), bom);
            assertThat(c.result().fileProblems()).as(enc).isEmpty();
            assertThat(c.good()).as(enc).hasSize(1);
            assertThat(c.result().encoding()).as(enc).isEqualTo(FileEncoding.UTF8_BOM);
        }
        assertThat(parse(def("UTF-8-BOM"), bytes(csv, StandardCharsets.UTF_8)).good()).as("a BOM is not required").hasSize(1);
        assertThat(parse(def("CP932"), bom).result().fileProblems().get(0).reasonEn()).contains("UTF-8 with a byte order mark");
    }

    @Test
    void readersBuiltOnTheCharsetDropTheBomToo() throws Exception {
        byte[] bom = bytes("\uFEFF宛名番号,氏名\r\n", StandardCharsets.UTF_8);
        for (FileEncoding e : new FileEncoding[] {FileEncoding.UTF8, FileEncoding.UTF8_BOM, FileEncoding.DETECT}) {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(bom), e.charset()))) {
                assertThat(r.readLine()).as(e.key()).isEqualTo("宛名番号,氏名");
            }
            try (var r = new java.io.BufferedReader(e.reader(new ByteArrayInputStream(bom)))) {
                assertThat(r.readLine()).as(e.key()).isEqualTo("宛名番号,氏名");
            }
        }
        byte[] inner = bytes("a\uFEFFb", StandardCharsets.UTF_8);
        assertThat(new String(inner, FileEncoding.UTF8.charset())).as("only a BOM at the start is dropped").isEqualTo("a\uFEFFb");
        byte[] cp = bytes("ID\r\n髙橋\r\n", FileEncoding.WINDOWS_31J);
        try (var r = new java.io.BufferedReader(FileEncoding.DETECT.reader(new ByteArrayInputStream(cp)))) {
            assertThat(r.readLine()).isEqualTo("ID");
            assertThat(r.readLine()).isEqualTo("髙橋");
        }
    }

    @Test
    void csvReadingFailuresAreNamedInPlainWordsWithTheirRowAndNeverTheLibrarysText() {
        String row = "A1,髙橋 陽翔,,令和元年5月1日,,,1,有,0,0\r\n";
        Problem unclosed = parse(def("UTF-8"), bytes(HEADER + row + row.replace("A1", "A2") + "\"A3,x,,令和元年5月1日,,,1,有,0,0\r\n" + row.replace("A1", "A4"),
                StandardCharsets.UTF_8)).result().fileProblems().get(0);
        assertThat(unclosed.line()).isEqualTo(4);
        assertThat(unclosed.reasonJa()).startsWith("4行目から始まる引用符").contains("閉じられていません");
        assertThat(unclosed.reasonEn()).contains("opened on row 4 is never closed");
        Problem afterQuote = parse(def("UTF-8"), bytes(HEADER + row + "A2,\"齋藤\"x,,令和元年5月1日,,,1,有,0,0\r\n", StandardCharsets.UTF_8))
                .result().fileProblems().get(0);
        assertThat(afterQuote.line()).isEqualTo(3);
        assertThat(afterQuote.reasonJa()).startsWith("3行目: 引用符");
        for (Problem p : List.of(unclosed, afterQuote)) {
            assertThat(p.message()).doesNotContain("CSVException", "EOF", "encapsulated", "startline", "org.apache");
        }
    }
}
