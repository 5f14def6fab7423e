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
                + "B2,名前,カナ,2024/04/01,,,1,有,0,0\r\n"
                + "B1,名前,カナ,2024-02-30,,,1,有,0,0\r\n"
                + "B4,名前,カナ\r\n";
        Collected c = parse(def("CP932"), bytes(csv, FileEncoding.WINDOWS_31J));
        assertThat(c.good()).isEmpty();
        assertThat(c.bad()).hasSize(4);
        assertThat(c.bad().get(0).problems()).extracting(Problem::column)
                .containsExactly("氏名", "生年月日", "和暦日", "性別", "滞納", "金額", "日数");
        assertThat(c.bad().get(0).problems().get(1).reasonJa()).contains("平成の期間外");
        assertThat(c.bad().get(0).problems().get(2).value()).isEqualTo("1/4/30");
        assertThat(c.bad().get(1).problems()).singleElement().satisfies(p -> assertThat(p.reasonEn()).contains("notation not accepted"));
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
                .hasMessageContaining("x.yml encoding");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML.formatted("CP932").replace("notations: [wareki-kanji, wareki-letter, iso]", "notations: [moon]"))))
                .hasMessageContaining("columns[4] notations").hasMessageContaining("unknown notation moon");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader(YAML.formatted("CP932").replace("record-id: 番号", "record-id: 無い列"))))
                .hasMessageContaining("record-id");
        assertThatThrownBy(() -> DefinitionLoader.load("x.yml", new StringReader("[unclosed")))
                .hasMessageContaining("not valid YAML");
    }
}
