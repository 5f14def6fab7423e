package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({"サトウ, サトウ, true", "サトウ, サドウ, true", "キョウコ, キョコ, true", "ハルト, ハルトウ, true", "ユイ, ユイナ, true",
        "サトウ, サイトウ, true", "ユイ, ユウナ, false", "𠮷田, 吉田, true", "𠮷田, 𠮷川, true", "𠮷田, 吉川, false", "'', ア, true", "アイ, ウエ, false"})
    void editDistanceOfOneCountsCodePoints(String a, String b, boolean within) {
        assertThat(Comparison.withinOneEdit(a, b)).isEqualTo(within);
        assertThat(Comparison.withinOneEdit(b, a)).isEqualTo(within);
    }

    static Features f(String name, String kana, String birth, String sex, String address) {
        return new Features(new LinkRecord("s", "1", name, kana, birth == null ? null : LocalDate.parse(birth), sex, address));
    }

    @Test
    void levelsAreGradedAsDocumented() {
        Features a = f("髙橋　陽翔", "タカハシ ハルト", "2015-04-03", "1", "本町一丁目2-3");
        assertThat(Comparison.level(Field.SURNAME, a, f("高橋 陽翔", "ﾀｶﾊｼ ﾊﾙﾄ", null, null, null))).isZero();
        assertThat(Comparison.level(Field.SURNAME, a, f("鷹橋 陽翔", "タカハシ ハルト", null, null, null))).isEqualTo(1);
        assertThat(Comparison.level(Field.SURNAME, a, f("田中 陽翔", "タナカ ハルト", null, null, null))).isEqualTo(2);
        assertThat(Comparison.level(Field.GIVEN, a, f(null, null, null, null, null))).isEqualTo(3);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-03-04", null, null))).as("day and month swapped").isEqualTo(1);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2015-04-04", null, null))).isEqualTo(1);
        assertThat(Comparison.level(Field.BIRTH, a, f(null, null, "2016-04-03", null, null))).isEqualTo(2);
        assertThat(Comparison.level(Field.SEX, a, f(null, null, null, "2", null))).isEqualTo(1);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "本町１－２－３ コーポ本町 101"))).isZero();
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "本町1丁目9番9号"))).isEqualTo(1);
        assertThat(Comparison.level(Field.ADDRESS, a, f(null, null, null, null, "緑町1-2-3"))).isEqualTo(2);
        int p = Comparison.pattern(a, a);
        for (Field field : Field.values()) {
            assertThat(Comparison.levelOf(p, field)).isZero();
        }
    }
}
