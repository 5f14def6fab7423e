package jp.mimamori.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SexNotationTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "１", "男", "男性", "男子", "M", "Ｍ", "m", "ｍ", "male", "Male", "MALE", "'Male'", "\"M\"", "「男」",
            " 男 ", "　男性　", " 1 "})
    void male(String raw) {
        assertThat(SexNotation.code(raw)).as(raw).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "２", "女", "女性", "女子", "F", "Ｆ", "f", "female", "Female", "'Female'", " f ", "　女　"})
    void female(String raw) {
        assertThat(SexNotation.code(raw)).as(raw).isEqualTo("2");
    }

    /** A sex not read is one comparison less; a sex guessed wrong is evidence against the right person. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "9", "3", "不明", "その他", "男女", "mf", "'Male", "12", "01", "x"})
    void anythingElseIsNoSex(String raw) {
        assertThat(SexNotation.code(raw)).as(raw).isNull();
    }

    @Test
    void nullIsNoSex() {
        assertThat(SexNotation.code(null)).isNull();
    }
}
