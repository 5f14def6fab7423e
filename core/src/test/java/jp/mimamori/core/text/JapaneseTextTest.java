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
        String pool = "アイウエオカガキキャュョッーｰｵｶﾞﾊﾟあいうおぁゃゔヴヂヅヲ髙高齋齊斉斎邊邉辺﨑崎澤沢𠮷吉塚 　・-－ー0１2３丁目番号本町ABCabc";
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
        JapaneseAddress.parse(s).ifPresent(a -> assertThat(a.ban()).isNotNegative());
    }
}
