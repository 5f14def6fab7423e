package jp.mimamori.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameTest {

    /** Written name | reading ("-": none) | 姓 | 名 | split | 姓 reading | 名 reading. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "小野寺祐子 | オノデラユウコ | 小野寺 | 祐子 | true | オノデラ | ユウコ",
        "小野寺祐子 | - | 小野寺 | 祐子 | true | - | -",
        "児玉直樹 | コダマナオキ | 児玉 | 直樹 | true | コダマ | ナオキ",
        "児玉直樹 | - | 児玉 | 直樹 | true | - | -",
        "佐々木健太 | ササキケンタ | 佐々木 | 健太 | true | ササキ | ケンタ",
        "長谷川翔 | ハセガワショウ | 長谷川 | 翔 | true | ハセガワ | ショウ",
        "東海林さくら | ショウジサクラ | 東海林 | さくら | true | ショウジ | サクラ",
        "東海林さくら | トウカイリンサクラ | 東海林 | さくら | true | トウカイリン | サクラ",
        "勅使河原湊 | テシガワラミナト | 勅使河原 | 湊 | true | テシガワラ | ミナト",
        "一二三太郎 | - | 一二三太郎 | '' | false | - | -",
        "一二三太郎 | ヒフミタロウ | 一二三太郎 | '' | false | ヒフミタロウ | ''",
        "五十嵐陽菜 | イガラシヒナ | 五十嵐 | 陽菜 | true | イガラシ | ヒナ",
        "小鳥遊結衣 | タカナシユイ | 小鳥遊 | 結衣 | true | タカナシ | ユイ",
        "髙橋陽翔 | タカハシハルト | 髙橋 | 陽翔 | true | タカハシ | ハルト",
        "齋藤蓮 | サイトウレン | 齋藤 | 蓮 | true | サイトウ | レン",
        "NGUYEN VAN AN | グエン ヴァン アン | NGUYEN | VAN AN | true | グエン | ヴァン アン",
        "グエン ヴァン アン | - | グエン | ヴァン アン | true | - | -",
        "グエンヴァンアン | グエンヴァンアン | グエンヴァンアン | '' | false | グエンヴァンアン | ''",
        "高橋 陽翔 | タカハシハルト | 高橋 | 陽翔 | true | タカハシ | ハルト",
        "高橋　陽翔 | ﾀｶﾊｼ ﾊﾙﾄ | 高橋 | 陽翔 | true | タカハシ | ハルト",
        "高橋陽翔 | タカハシ ハルト | 高橋 | 陽翔 | true | タカハシ | ハルト",
        "佐藤・花子 | - | 佐藤 | 花子 | true | - | -",
        "佐藤,花子 | サトウ,ハナコ | 佐藤 | 花子 | true | サトウ | ハナコ",
        "田中美咲 | たなかみさき | 田中 | 美咲 | true | タナカ | ミサキ",
        "渡邊大翔 | ワタナベヒロト | 渡邊 | 大翔 | true | ワタナベ | ヒロト",
        "山﨑結愛 | ヤマザキユア | 山﨑 | 結愛 | true | ヤマザキ | ユア",
        "伊藤蒼 | イトウアオイ | 伊藤 | 蒼 | true | イトウ | アオイ",
        "伊東蒼 | イトウアオイ | 伊東 | 蒼 | true | イトウ | アオイ",
        "森咲良 | モリサクラ | 森 | 咲良 | true | モリ | サクラ",
        "太田和也 | オオタカズヤ | 太田 | 和也 | true | オオタ | カズヤ",
        "太田和子 | - | 太田 | 和子 | true | - | -",
        "関麻衣 | セキマイ | 関 | 麻衣 | true | セキ | マイ",
        "無名太郎 | ムメイタロウ | 無名太郎 | '' | false | ムメイタロウ | ''",
        "たかはしはると | - | たかはし | はると | true | - | -",
        "モリタクミ | モリタクミ | モリタクミ | '' | false | モリタクミ | ''",
        "中村ゆうこ | - | 中村 | ゆうこ | true | - | -",
        "大和田翔太 | オオワダショウタ | 大和田 | 翔太 | true | オオワダ | ショウタ",
        "佐佐木蓮 | - | 佐佐木 | 蓮 | true | - | -",
        "葛󠄀城陽 | カツラギヨウ | 葛城 | 陽 | true | カツラギ | ヨウ",
        "長谷部誠 | ハセベマコト | 長谷部 | 誠 | true | ハセベ | マコト",
        "神田ﾀﾛｳ | - | 神田 | タロウ | true | - | -",
        "金子 みどり | かねこみどり | 金子 | みどり | true | カネコ | ミドリ",
        "西園寺公望 | サイオンジキンモチ | 西園寺 | 公望 | true | サイオンジ | キンモチ",
        "武者小路実篤 | ムシャノコウジサネアツ | 武者小路 | 実篤 | true | ムシャノコウジ | サネアツ",
        "林翔 | ハヤシショウ | 林 | 翔 | true | ハヤシ | ショウ",
        "林翔太 | - | 林 | 翔太 | true | - | -",
        "マリア・サントス | - | マリア | サントス | true | - | -",
        "東健 | - | 東 | 健 | true | - | -",
        "加藤大輝 | カトウダイキ | 加藤 | 大輝 | true | カトウ | ダイキ",
        "斉藤結菜 | サイトウユイナ | 斉藤 | 結菜 | true | サイトウ | ユイナ",
        "中島みゆき | ナカジマミユキ | 中島 | みゆき | true | ナカジマ | ミユキ",
        "佐藤 | サトウ | 佐藤 | '' | false | サトウ | ''",
        "斎藤工 | サイトウタクミ | 斎藤 | 工 | true | サイトウ | タクミ",
        "小野 祐子 | オノユウコ | 小野 | 祐子 | true | オノ | ユウコ",
        "上野樹里 | ウエノジュリ | 上野 | 樹里 | true | ウエノ | ジュリ",
        "大塚愛 | オオツカアイ | 大塚 | 愛 | true | オオツカ | アイ",
        "ｻﾄｳﾀﾛｳ | ｻﾄｳﾀﾛｳ | サトウタロウ | '' | false | サトウタロウ | ''",
        "木村拓哉 | キムラタクヤ | 木村 | 拓哉 | true | キムラ | タクヤ",
        "高橋一生 | タカハシイッセイ | 高橋 | 一生 | true | タカハシ | イッセイ",
        "一ノ瀬蓮 | イチノセレン | 一ノ瀬 | 蓮 | true | イチノセ | レン",
        "一之瀬蓮 | イチノセレン | 一之瀬 | 蓮 | true | イチノセ | レン",
        "NGUYEN VAN AN | - | NGUYEN | VAN AN | true | - | -",
        "ＮＧＵＹＥＮ　ＶＡＮ　ＡＮ | ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ | NGUYEN | VAN AN | true | グエン | ヴァン アン",
        "小野寺祐子 | オノデラ ユウコ | 小野寺 | 祐子 | true | オノデラ | ユウコ",
        "小野祐子 | オノユウコ | 小野 | 祐子 | true | オノ | ユウコ",
    })
    void namesAndReadingsAreSplitTogether(String name, String kana, String surname, String given, boolean split,
            String surnameKana, String givenKana) {
        assertThat(PersonName.parse(name, kana)).isEqualTo(new PersonName(surname, given, split, surnameKana, givenKana));
    }

    @Test
    void theLongestKnownSurnameWinsWithoutAReading() {
        // The earlier 277-name list split 小野寺祐子 as 小野|寺祐子 and did not know 児玉.
        assertThat(PersonName.parse("小野寺祐子")).isEqualTo(new PersonName("小野寺", "祐子", true));
        assertThat(PersonName.parse("児玉直樹")).isEqualTo(new PersonName("児玉", "直樹", true));
        assertThat(PersonName.parse("勅使河原湊").surname()).isEqualTo("勅使河原");
    }

    @Test
    void aReadingThatDisagreesDoesNotSplitTheReadingWrongly() {
        // オノデラ is not a prefix of サトウハナコ: the written name is split by the dictionary, the reading kept whole.
        PersonName p = PersonName.parse("小野寺祐子", "サトウハナコ");
        assertThat(p.surname()).isEqualTo("小野寺");
        assertThat(p.surnameKana()).isEqualTo("サトウハナコ");
        assertThat(p.givenKana()).isEmpty();
    }

    @Test
    void differentSurnamesOfOneReadingStayDifferent() {
        PersonName ito = PersonName.parse("伊藤蒼", "イトウアオイ");
        PersonName itoEast = PersonName.parse("伊東蒼", "イトウアオイ");
        assertThat(JapaneseText.nameKey(ito.surname())).isNotEqualTo(JapaneseText.nameKey(itoEast.surname()));
        assertThat(JapaneseText.readingKey(ito.surnameKana())).isEqualTo(JapaneseText.readingKey(itoEast.surnameKana()));
    }

    @Test
    void variantFormsOfOneNameSplitAlike() {
        for (String[] pair : new String[][] {{"髙橋陽翔", "高橋陽翔"}, {"齋藤蓮", "斎藤蓮"}, {"佐々木蓮", "佐佐木蓮"}, {"山﨑結愛", "山崎結愛"},
                {"渡邊大翔", "渡辺大翔"}, {"葛\uDB40\uDD00城陽", "葛城陽"}}) {
            PersonName a = PersonName.parse(pair[0]);
            PersonName b = PersonName.parse(pair[1]);
            assertThat(a.split()).as(pair[0]).isTrue();
            assertThat(JapaneseText.nameKey(a.surname())).as(pair[0]).isEqualTo(JapaneseText.nameKey(b.surname()));
            assertThat(JapaneseText.nameKey(a.given())).as(pair[0]).isEqualTo(JapaneseText.nameKey(b.given()));
        }
    }

    @Test
    void theDictionaryIsLargeEnoughForJapan() {
        assertThat(PersonName.surnameCount()).isGreaterThan(10_000);
    }

    @Test
    void theOneArgumentParseKeepsItsContract() {
        assertThat(PersonName.parse("無名太郎")).isEqualTo(new PersonName("無名太郎", "", false));
        assertThat(PersonName.parse("高橋　陽翔")).isEqualTo(new PersonName("高橋", "陽翔", true));
        assertThat(PersonName.parse("高橋陽翔", null)).isEqualTo(PersonName.parse("高橋陽翔"));
        assertThat(PersonName.parse("高橋陽翔", "")).isEqualTo(PersonName.parse("高橋陽翔"));
    }
}
