package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    @Test
    void theAllocationFreePathGivesTheSameDoubleAsTheCodePointPath() {
        java.util.Random random = new java.util.Random(12);
        String alphabet = "あいうえおかきくけこさしすアイウ佐藤髙橋斎齋abcde";
        for (int n = 0; n < 20_000; n++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            assertThat(StringMetrics.jaroWinkler(a, b)).as(a + " / " + b).isEqualTo(StringMetrics.jaroWinklerCodePoints(a, b));
        }
    }

    private static String randomString(java.util.Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(9);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({"dixon, dixno", "martha, marhta", "サトウ, サイトウ", "ソウタ, ソウマ", "michaela, mikaela", "タカハシ, タカハシ", "abc, xyz"})
    void jaroWinklerAgreesWithCommonsTextOnBmpStrings(String a, String b) {
        assertThat(StringMetrics.jaroWinkler(a, b)).isCloseTo(new JaroWinklerSimilarity().apply(a, b), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void editsCountCodePointsAndATranspositionIsOne() {
        assertThat(StringMetrics.jaroWinkler("dixon", "dixno")).as("a transposition is one small step").isGreaterThan(Comparison.SIMILAR);
        assertThat(StringMetrics.jaroWinkler("𠮷田", "𠮷川")).isCloseTo(StringMetrics.jaroWinkler("吉田", "吉川"), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(StringMetrics.oneTypo("20150403", "20150408")).isTrue();
        assertThat(StringMetrics.oneTypo("20150403", "20150430")).isTrue();
        assertThat(StringMetrics.oneTypo("20150403", "20160503")).isFalse();
    }

    static Features f(String name, String kana, String birth, String sex, String address) {
        return new Features(new LinkRecord("s", "1", name, kana, birth == null ? null : LocalDate.parse(birth), sex, address));
    }

    @Test
    void levelsAreGradedAsDocumented() {
        Features a = f("髙橋　陽翔", "タカハシ ハルト", "2015-04-03", "1", "本町一丁目2-3");
        assertThat(Comparison.level(Field.SURNAME, a, f("高橋 陽翔", "ﾀｶﾊｼ ﾊﾙﾄ", null, null, null))).isZero();
        assertThat(Comparison.level(Field.SURNAME, a, f("鷹橋 陽翔", "タカハシ ハルト", null, null, null))).as("same reading").isEqualTo(1);
        assertThat(Comparison.level(Field.SURNAME, a, f("高端 陽翔", "タカハッシ ハルト", null, null, null))).as("similar reading").isEqualTo(2);
        assertThat(Comparison.level(Field.SURNAME, a, f("田中 陽翔", "タナカ ハルト", null, null, null))).isEqualTo(5);
        assertThat(Comparison.level(Field.GIVEN, a, f(null, null, null, null, null))).isEqualTo(6);
        assertThat(Comparison.level(Field.SURNAME, a, f("陽翔 髙橋", "ハルト タカハシ", null, null, null))).as("swapped").isEqualTo(4);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-04-08", null, null))).as("one digit").isEqualTo(1);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-03-04", null, null))).as("day and month swapped").isEqualTo(2);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-04-21", null, null))).as("same year and month").isEqualTo(3);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-09-21", null, null))).as("within a year").isEqualTo(4);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2011-09-21", null, null))).isEqualTo(5);
        assertThat(Comparison.level(Field.SEX, a, f(null, null, null, "2", null))).isEqualTo(1);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "東京都みどり市本町１－２－３"))).isZero();
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "本町１－２－３ コーポ本町 101"))).isEqualTo(1);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "本町1丁目9番9号"))).isEqualTo(2);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "本町2丁目2番3号"))).isEqualTo(3);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "緑町1-2-3"))).isEqualTo(4);
        int p = Comparison.pattern(a, a);
        for (Field field : new Field[] {Field.SURNAME, Field.GIVEN, Field.BIRTH, Field.SEX, Field.ADDRESS}) {
            assertThat(Comparison.levelOf(p, field)).isZero();
        }
    }

    @Test
    void twinsAreAFamilyOfTwoAndNamesakesElsewhereAreNotLinked() {
        Features a = f("佐藤 颯太", "サトウ ソウタ", "2018-06-01", "1", "本町1-2-3");
        Features twin = f("佐藤 颯真", "サトウ ソウマ", "2018-06-01", "1", "本町1-2-3");
        assertThat(Comparison.familyOfTwo(Comparison.levels(a, twin))).isTrue();
        assertThat(Comparison.familyOfTwo(Comparison.levels(a, f("佐藤 颯太", "サトウ ソウタ", "2018-06-01", "1", "本町1-2-3")))).isFalse();
        Features namesake = f("佐藤 颯太", "サトウ ソウタ", "2018-06-01", "1", "緑町4-5-6");
        assertThat(Comparison.namesakeElsewhere(Comparison.levels(a, namesake), a, namesake)).isTrue();
    }
}
