package jp.mimamori.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JapaneseTextTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "ｵｵﾀ, オオタ", "おおた, オオタ", "オータ, オオタ", "オウタ, オオタ",
        "ユウキ, ユーキ", "ゆうき, ﾕｰｷ",
        "キョウコ, キヨウコ", "ｷﾖｳｺ, きょうこ", "ｼﾞｭﾝｲﾁ, ジユンイチ",
        "ミカヅキ, ミカズキ", "ハナヂ, ハナジ",
        "グエン ヴァン アン, グエン バン アン",
        "タカハシ　ハルト, たかはし はると", "ﾀｶﾊｼ ﾊﾙﾄ, タカハシハルト",
        "ケーコ, ケイコ", "サトー, サトウ", "マリア・サントス, マリアサントス",
    })
    void readingsWrittenDifferentlyMeet(String a, String b) {
        assertThat(JapaneseText.readingKey(a)).isEqualTo(JapaneseText.readingKey(b));
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource({"ユキ, ユウキ", "サトウ, サドウ", "カトウ, カトー・ヒロ", "オオノ, オノ", "キョウコ, キョコ"})
    void differentReadingsStayApart(String a, String b) {
        assertThat(JapaneseText.readingKey(a)).isNotEqualTo(JapaneseText.readingKey(b));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "髙橋, 高橋", "齋藤, 斎藤", "齊藤, 斎藤", "斉藤, 斎藤", "渡邊, 渡辺", "渡邉, 渡辺", "山﨑, 山崎", "山嵜, 山崎",
        "澤田, 沢田", "濱田, 浜田", "濵田, 浜田", "櫻井, 桜井", "國分, 国分", "廣瀬, 広瀬", "德永, 徳永", "嶋田, 島田", "嶌田, 島田",
        "槇野, 槙野", "𠮷田, 吉田", "邊見, 辺見", "龍崎, 竜崎", "鹽澤, 塩沢", "冨田, 富田", "大塚, 大塚",
        "眞田, 真田", "惠子, 恵子", "壽美, 寿美", "藏本, 蔵本", "榮一, 栄一", "戶田, 戸田", "淵上, 渕上", "籠谷, 篭谷",
        "曾我, 曽我", "萬田, 万田", "彌生, 弥生", "北條, 北条", "增田, 増田", "嵜山, 崎山", "邉見, 辺見", "濱口, 浜口",
        "\uFA4F子, 祐子", "\uFA19田, 神田", "\uFA1B田, 福田", "\uFA1A子, 祥子",
        "佐々木, 佐佐木", "野々村, 野野村", "すゞ, すず", "みゝ, みみ", "ハヽ, ハハ", "一ヶ谷, 一ケ谷", "一ヵ谷, 一ケ谷",
        "葛\uDB40\uDD00城, 葛城", "辻\uDB40\uDD01, 辻", "邉\uDB40\uDD12見, 辺見", "高\uFE00橋, 高橋",
        "髙橋　陽翔, 高橋陽翔", "ＮＧＵＹＥＮ　Van An, NGUYEN VAN AN",
    })
    void variantFormsOfANameMeet(String variant, String standard) {
        assertThat(JapaneseText.nameKey(variant)).isEqualTo(JapaneseText.nameKey(standard));
    }

    @Test
    void theVariantTableIsLargeAndDoesNotMergeDifferentNames() {
        assertThat(VariantKanji.size()).isGreaterThanOrEqualTo(300);
        assertThat(JapaneseText.nameKey("高橋")).isNotEqualTo(JapaneseText.nameKey("高木"));
        assertThat(JapaneseText.nameKey("島田")).isNotEqualTo(JapaneseText.nameKey("嶋村"));
        assertThat(JapaneseText.nameKey("斎藤")).isEqualTo("斎藤");
        assertThat(JapaneseText.nameKey("伊藤")).isNotEqualTo(JapaneseText.nameKey("伊東"));
        assertThat(JapaneseText.nameKey("佐藤")).isNotEqualTo(JapaneseText.nameKey("佐東"));
        assertThat(JapaneseText.nameKey("大島")).isNotEqualTo(JapaneseText.nameKey("小島"));
        // ヶ is folded only between kanji: at the edge or among kana it is part of a word.
        assertThat(JapaneseText.nameKey("ヶ谷")).isEqualTo("ヶ谷");
        assertThat(JapaneseText.nameKey("あヶい")).isEqualTo("あヶい");
        // An iteration mark with nothing before it stays as written.
        assertThat(JapaneseText.nameKey("々木")).isEqualTo("々木");
    }

    @Test
    void variationSelectorsGoEverywhere() {
        String ivs = "葛\uDB40\uDD00城";
        assertThat(JapaneseText.clean(ivs)).isEqualTo("葛城");
        assertThat(JapaneseText.nameKey(ivs)).isEqualTo(JapaneseText.nameKey("葛城"));
        assertThat(JapaneseText.readingKey("カツラギ\uFE0F")).isEqualTo(JapaneseText.readingKey("カツラギ"));
        assertThat(JapaneseText.clean("辻\uDB40\uDD01 太郎")).isEqualTo("辻 太郎");
    }

    @Test
    void cleaningIsWhatIngestStores() {
        assertThat(JapaneseText.clean("　本町１－２－３　")).isEqualTo("本町1-2-3");
        assertThat(JapaneseText.clean("ﾀｶﾊｼ   ﾊﾙﾄ")).isEqualTo("タカハシ ハルト");
        assertThat(JapaneseText.katakana("たかはし　はると")).isEqualTo("タカハシ　ハルト");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "高橋　陽翔       | 高橋   | 陽翔  | true",
        "高橋 陽翔        | 高橋   | 陽翔  | true",
        "髙橋陽翔         | 髙橋   | 陽翔  | true",
        "佐々木蓮         | 佐々木 | 蓮    | true",
        "勅使河原湊       | 勅使河原 | 湊  | true",
        "NGUYEN VAN AN    | NGUYEN | VAN AN | true",
        "無名太郎         | 無名太郎 | ''  | false",
    })
    void namesAreSplitIntoSurnameAndGivenName(String raw, String surname, String given, boolean split) {
        assertThat(PersonName.parse(raw)).isEqualTo(new PersonName(surname, given, split));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "本町1丁目2番3号                          | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町一丁目2-3                            | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町１－２－３                           | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町１ー２ー３                           | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町1‐2‐3                                | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町1―2―3                                | 本町     | 1 | 2   | 3  | ''                    | ''",
        "本町1−2−3                                | 本町     | 1 | 2   | 3  | ''                    | ''",
        "三島町二丁目8-22 コーポ三島町 201号室    | 三島町   | 2 | 8   | 22 | コーポ三島町          | 201",
        "緑町３－２７－１４　グランメゾン緑町壱番館 ２０５ | 緑町 | 3 | 27 | 14 | グランメゾン緑町壱番館 | 205",
        "若葉台4丁目29番12号　プラザ若葉台II 506  | 若葉台   | 4 | 29  | 12 | プラザ若葉台II        | 506",
        "清水123番地4                              | 清水     | 0 | 123 | 4  | ''                    | ''",
        "清水１２３－４                           | 清水     | 0 | 123 | 4  | ''                    | ''",
        "日の出町十二丁目1-1                      | 日の出町 | 12 | 1  | 1  | ''                    | ''",
    })
    void addressesAreParsedWhateverTheNotation(String raw, String town, int chome, int ban, int go, String building, String room) {
        assertThat(JapaneseAddress.parse(raw)).contains(new JapaneseAddress(town, chome, ban, go, building, room));
    }

    @Test
    void theSameDwellingHasOneStreetKeyAndNonsenseHasNone() {
        String a = JapaneseAddress.parse("富士見町一丁目18-8").orElseThrow().streetKey();
        assertThat(JapaneseAddress.parse("富士見町１－１８－８").orElseThrow().streetKey()).isEqualTo(a);
        assertThat(JapaneseAddress.parse("富士見町1丁目18番8号 ハイツ富士見町 101").orElseThrow().streetKey()).isEqualTo(a);
        assertThat(JapaneseAddress.parse("住所不定")).isEmpty();
        assertThat(JapaneseAddress.parse("")).isEmpty();
        assertThat(JapaneseAddress.parse(null)).isEmpty();
        assertThat(JapaneseAddress.parse("清水二十一番地").orElseThrow().ban()).isEqualTo(21);
        assertThat(JapaneseAddress.parse("本町十丁目").orElseThrow().chome()).isEqualTo(10);
    }

    /** 2,000 seeded random strings from the characters the rules touch. */
    static Stream<String> randomStrings() {
        String pool = "アイウエオカガキキャュョッーｰｵｶﾞﾊﾟあいうおぁゃゔヴヂヅヲ髙高齋齊斉斎邊邉辺﨑崎澤沢𠮷吉塚 　・-－ー0１2３丁目番号本町ABCabc"
                + "々ゝゞヽヾすハヶヵケがツノの谷四一二十〇市区郡県都\uFE00\uDB40\uDD00\uFA4F";
        int[] cps = pool.codePoints().toArray();
        SplittableRandom r = new SplittableRandom(20261123);
        return IntStream.range(0, 2_000).mapToObj(i -> {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(12);
            for (int j = 0; j < n; j++) {
                b.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
            return b.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("randomStrings")
    void everyFoldingIsIdempotent(String s) {
        assertThat(JapaneseText.readingKey(JapaneseText.readingKey(s))).isEqualTo(JapaneseText.readingKey(s));
        assertThat(JapaneseText.nameKey(JapaneseText.nameKey(s))).isEqualTo(JapaneseText.nameKey(s));
        assertThat(JapaneseText.clean(JapaneseText.clean(s))).isEqualTo(JapaneseText.clean(s));
        JapaneseAddress.parse(s).ifPresent(a -> {
            assertThat(a.ban()).isNotNegative();
            assertThat(JapaneseAddress.townKey(a.townKey())).isEqualTo(a.townKey());
        });
        PersonName p = PersonName.parse(s, s);
        assertThat((p.surname() + p.given()).replaceAll("[ ・,、]", "")).isEqualTo(JapaneseText.clean(s).replaceAll("[ ・,、]", ""));
    }
}
