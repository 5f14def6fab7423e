package jp.mimamori.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JapaneseAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // What comes before the 町名 (town): prefecture, city, ward, county and its town or village, 大字/字.
        "東京都みどり市本町1-2-3                  | 本町       | 1 | 2   | 3",
        "みどり市本町1-2-3                        | 本町       | 1 | 2   | 3",
        "東京都本町1-2-3                          | 本町       | 1 | 2   | 3",
        "神奈川県横浜市港北区日吉本町1-2-3        | 日吉本町   | 1 | 2   | 3",
        "横浜市港北区日吉本町一丁目二番三号       | 日吉本町   | 1 | 2   | 3",
        "東京都千代田区霞が関1-2-3                | 霞が関     | 1 | 2   | 3",
        "港区芝公園4-2-8                          | 芝公園     | 4 | 2   | 8",
        "西多摩郡奥多摩町大字氷川123番地4         | 氷川       | 0 | 123 | 4",
        "埼玉県入間郡三芳町大字上富1234           | 上富       | 0 | 1234 | 0",
        "山田郡大泉村字北原12番地                 | 北原       | 0 | 12  | 0",
        "三芳町大字藤久保50-3                     | 藤久保     | 0 | 50  | 3",
        "大字清水123番地4                         | 清水       | 0 | 123 | 4",
        "字清水123番地4                           | 清水       | 0 | 123 | 4",
        "四日市市本町1-2                          | 本町       | 0 | 1   | 2",
        "廿日市市本町1-2                          | 本町       | 0 | 1   | 2",
        "市川市本町1-2                            | 本町       | 0 | 1   | 2",
        // Towns whose own names hold 市, 区, 郡 or 町, and must keep them.
        "市場町1-2-3                              | 市場町     | 1 | 2   | 3",
        "十日市場町5-6                            | 十日市場町 | 0 | 5   | 6",
        "横浜市緑区十日市場町5-6                  | 十日市場町 | 0 | 5   | 6",
        "今市町3-1                                | 今市町     | 0 | 3   | 1",
        "市ノ瀬10                                 | 市ノ瀬     | 0 | 10  | 0",
        "区画整理地12番地                         | 区画整理地 | 0 | 12  | 0",
        "郡山町2-3                                | 郡山町     | 0 | 2   | 3",
        "本町1-2-3                                | 本町       | 1 | 2   | 3",
        "栄町字東5番地                            | 栄町字東   | 0 | 5   | 0",
        "みどり市栄町字東5番地                    | 栄町字東   | 0 | 5   | 0",
        // Kanji numerals, 〇 as zero, and the towns whose names hold numerals.
        "本町一丁目二番三号                       | 本町       | 1 | 2   | 3",
        "清水二十三番地                           | 清水       | 0 | 23  | 0",
        "清水百二十三番地の四                     | 清水       | 0 | 123 | 4",
        "本町一〇番                               | 本町       | 0 | 10  | 0",
        "本町一○番二号                            | 本町       | 0 | 10  | 2",
        "本町二丁目一〇番一五号                   | 本町       | 2 | 10  | 15",
        "四ツ谷三丁目4-5                          | 四ツ谷     | 3 | 4   | 5",
        "十日市場町二番地                         | 十日市場町 | 0 | 2   | 0",
        "四番町5-6                                | 四番町     | 0 | 5   | 6",
        "一番町三丁目7                            | 一番町     | 3 | 7   | 0",
        "一の宮2-3                                | 一の宮     | 0 | 2   | 3",
        "三田二丁目1-1                            | 三田       | 2 | 1   | 1",
        "千駄木一丁目二-三                        | 千駄木     | 1 | 2   | 3",
        // 番地 and 号 in their many shapes.
        "清水123番地の4                           | 清水       | 0 | 123 | 4",
        "清水123番地4                             | 清水       | 0 | 123 | 4",
        "清水123番の4                             | 清水       | 0 | 123 | 4",
        "清水123の4                               | 清水       | 0 | 123 | 4",
        "清水123番地                              | 清水       | 0 | 123 | 0",
        "清水123                                  | 清水       | 0 | 123 | 0",
        "本町1丁目2番地3                          | 本町       | 1 | 2   | 3",
        "本町1丁目2-3                             | 本町       | 1 | 2   | 3",
        "本町1丁目 2番 3号                        | 本町       | 1 | 2   | 3",
        "本町1-2番3号                             | 本町       | 1 | 2   | 3",
        "本町1丁目                                | 本町       | 1 | 0   | 0",
        "本町１－２－３                           | 本町       | 1 | 2   | 3",
        "本町1－2－3                              | 本町       | 1 | 2   | 3",
        "本町1ー2ー3                              | 本町       | 1 | 2   | 3",
        "本町1‐2‐3                                | 本町       | 1 | 2   | 3",
        "本町1−2−3                                | 本町       | 1 | 2   | 3",
        "本町1 - 2 - 3                            | 本町       | 1 | 2   | 3",
    })
    void everyNotationGivesTheSameTownAndNumbers(String raw, String town, int chome, int ban, int go) {
        JapaneseAddress a = JapaneseAddress.parse(raw).orElseThrow();
        assertThat(a.town()).isEqualTo(town);
        assertThat(new int[] {a.chome(), a.ban(), a.go()}).containsExactly(chome, ban, go);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "本町1-2-3 コーポ本町 201号室             | コーポ本町     | 201 | 本町/1/2/3",
        "本町1-2-3 コーポ本町 201号               | コーポ本町     | 201 | 本町/1/2/3",
        "本町1-2-3コーポ本町201                   | コーポ本町     | 201 | 本町/1/2/3",
        "本町1-2-3 201                            | ''             | 201 | 本町/1/2/3",
        "本町1-2-3-405                            | ''             | 405 | 本町/1/2/3",
        "本町1丁目2番3号 201号室                  | ''             | 201 | 本町/1/2/3",
        "本町一丁目二番三号　コーポ本町二〇一号室 | コーポ本町     | 201 | 本町/1/2/3",
        "本町2番 三井ビル                         | 三井ビル       | '' | 本町/0/2/0",
        "栄町2丁目5番地 壱番館                    | 壱番館         | '' | 栄町/2/5/0",
        "本町1-2-3 5号棟                          | 5号棟          | '' | 本町/1/2/3",
        "東京都みどり市本町1-2-3 メゾン市場 305   | メゾン市場     | 305 | 本町/1/2/3",
    })
    void theBuildingAndRoomAreKeptApart(String raw, String building, String room, String street) {
        JapaneseAddress a = JapaneseAddress.parse(raw).orElseThrow();
        assertThat(a.building()).isEqualTo(building);
        assertThat(a.room()).isEqualTo(room);
        assertThat(a.streetKey()).isEqualTo(street.replace('/', '|'));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "霞ケ関, 霞ヶ関", "霞ケ関, 霞が関", "霞ケ関, 霞ガ関", "霞ケ関, 霞ヵ関", "霞ケ関, 霞か関",
        "四ッ谷, 四ツ谷", "四ツ谷, 四谷", "井ノ頭, 井の頭", "井ノ頭, 井頭",
        "代々木, 代代木", "髙田馬場, 高田馬場", "本 町, 本町", "ｹﾔｷ台, ケヤキ台",
    })
    void townSpellingsMeet(String a, String b) {
        assertThat(JapaneseAddress.townKey(a)).isEqualTo(JapaneseAddress.townKey(b));
        assertThat(JapaneseAddress.parse(a + "1-2-3").orElseThrow().streetKey())
                .isEqualTo(JapaneseAddress.parse(b + "一丁目二番三号").orElseThrow().streetKey());
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource({"本町, 栄町", "ケヤキ台, ケヤキ", "日の出町, 日出", "市場町, 場町", "青葉台, 青葉"})
    void differentTownsStayApart(String a, String b) {
        assertThat(JapaneseAddress.townKey(a)).isNotEqualTo(JapaneseAddress.townKey(b));
    }

    @Test
    void townKeyFoldsKanaOnlyBetweenKanji() {
        // At the edge of a name, or between kana, the kana is part of the word.
        assertThat(JapaneseAddress.townKey("ケヤキ台")).isEqualTo("ケヤキ台");
        assertThat(JapaneseAddress.townKey("つつじが丘")).isEqualTo("つつじが丘");
        assertThat(JapaneseAddress.townKey("日の出町")).isEqualTo("日出町");
        assertThat(JapaneseAddress.townKey(JapaneseAddress.townKey("井ノケ谷"))).isEqualTo(JapaneseAddress.townKey("井ノケ谷"));
    }

    @Test
    void thePartsAreWhatAGradedComparisonWeighs() {
        JapaneseAddress a = JapaneseAddress.parse("東京都みどり市霞ヶ関三丁目4番5号 ｺｰﾎﾟ霞ヶ関 201号室").orElseThrow();
        assertThat(a.parts()).isEqualTo(new JapaneseAddress.Parts("霞ケ関", 3, 4, 5, "コーポ霞ケ関", "201"));
        assertThat(a.streetKey()).isEqualTo("霞ケ関|3|4|5");
        JapaneseAddress b = JapaneseAddress.parse("霞が関3-4-6").orElseThrow();
        assertThat(b.parts().townKey()).isEqualTo(a.parts().townKey());
        assertThat(b.parts().chome()).isEqualTo(a.parts().chome());
        assertThat(b.parts().go()).isNotEqualTo(a.parts().go());
    }

    @Test
    void whatIsNotAnAddressDoesNotParse() {
        assertThat(JapaneseAddress.parse("住所不定")).isEmpty();
        assertThat(JapaneseAddress.parse("1-2-3")).isEmpty();
        assertThat(JapaneseAddress.parse("東京都")).isEmpty();
        assertThat(JapaneseAddress.parse("本町99999999999999")).isEmpty();
        assertThat(JapaneseAddress.parse("   ")).isEmpty();
    }
}
