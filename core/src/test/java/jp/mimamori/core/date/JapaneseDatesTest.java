package jp.mimamori.core.date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JapaneseDatesTest {

    @Test
    void readsEveryNotationOfTheSameDay() {
        LocalDate d = LocalDate.of(2024, 4, 1);
        assertThat(JapaneseDates.parse("令和6年4月1日")).isEqualTo(d);
        assertThat(JapaneseDates.parse("R6.4.1")).isEqualTo(d);
        assertThat(JapaneseDates.parse("R06.04.01")).isEqualTo(d);
        assertThat(JapaneseDates.parse("r6.4.1")).isEqualTo(d);
        assertThat(JapaneseDates.parse("令和", "6/4/1")).isEqualTo(d);
        assertThat(JapaneseDates.parse("R", "06/04/01")).isEqualTo(d);
        assertThat(JapaneseDates.parse("2024-04-01")).isEqualTo(d);
        assertThat(JapaneseDates.parse("2024/4/1")).isEqualTo(d);
        assertThat(JapaneseDates.parse("20240401")).isEqualTo(d);
        assertThat(JapaneseDates.parse("令和６年４月１日")).as("full-width digits").isEqualTo(d);
        assertThat(JapaneseDates.parse("２０２４／４／１")).isEqualTo(d);
    }

    /** Every spelling of 2024-04-01 that extracts and staff were seen to write. */
    @ParameterizedTest
    @ValueSource(strings = {"R6/4/1", "R6-4-1", "R6.4.1", "R06.04.01", "r6.4.1", "Ｒ６．４．１", "R 6 . 4 . 1", "令6.4.1",
            "令和六年四月一日", "令和6年4月1日", "令和 6年 4月 1日", "令和６年４月１日", "令和〇六年〇四月〇一日", "令6年4月1日", "R6年4月1日",
            "2024年4月1日", "２０２４年４月１日", "二〇二四年四月一日", "2024.4.1", "2024.04.01", "2024/04/01", "2024-4-1",
            "２０２４－０４－０１", "2024−4−1", "20240401", "２０２４０４０１", " 2024 / 4 / 1 "})
    void readsEverySpellingOfTheSameDay(String text) {
        assertThat(JapaneseDates.parse(text)).as(text).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(JapaneseDates.notationOf(text)).as(text).isPresent();
    }

    @Test
    void kanjiNumeralsEraLettersAndGannen() {
        assertThat(JapaneseDates.parse("令和元年五月一日")).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(JapaneseDates.parse("平成十年十月十日")).isEqualTo(LocalDate.of(1998, 10, 10));
        assertThat(JapaneseDates.parse("平成三十一年四月三十日")).isEqualTo(LocalDate.of(2019, 4, 30));
        assertThat(JapaneseDates.parse("S60年4月2日")).isEqualTo(LocalDate.of(1985, 4, 2));
        assertThat(JapaneseDates.parse("s60.4.2")).isEqualTo(LocalDate.of(1985, 4, 2));
        assertThat(JapaneseDates.parse("S60.4.2")).isEqualTo(LocalDate.of(1985, 4, 2));
        assertThat(JapaneseDates.parse("H1.1.8")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("h元.1.8")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("㍻元年1月8日")).as("the one-character square era sign").isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("千九百八十五年四月二日")).isEqualTo(LocalDate.of(1985, 4, 2));
    }

    @Test
    void eraColumnValuesWithTheEraAsKanjiOrLetter() {
        LocalDate d = LocalDate.of(2024, 4, 1);
        for (String era : new String[] {"令和", "令", "R", "r", "Ｒ", " 令和 "}) {
            for (String v : new String[] {"6/4/1", "6.4.1", "06-04-01", "6年4月1日", "六年四月一日", "６／４／１", "6 / 4 / 1"}) {
                assertThat(JapaneseDates.parse(era, v)).as(era + " " + v).isEqualTo(d);
            }
        }
        assertThat(JapaneseDates.parse("令和", "元/5/1")).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(JapaneseDates.parse("平成", "元年1月8日")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("令和", "R6.4.1")).as("a value that carries its era is read as it is").isEqualTo(d);
        assertThatThrownBy(() -> JapaneseDates.parse("平成", "R6.4.1")).isInstanceOf(DateParseException.class)
                .hasMessageContaining("does not lie in the era");
        assertThatThrownBy(() -> JapaneseDates.parse("", "6/4/1")).isInstanceOf(DateParseException.class).hasMessageContaining("era is empty");
        assertThat(JapaneseDates.isEraColumnValue("6/4/1")).isTrue();
        assertThat(JapaneseDates.isEraColumnValue("元/5/1")).isTrue();
        assertThat(JapaneseDates.isEraColumnValue("R6/4/1")).isFalse();
        assertThat(JapaneseDates.notationOf("6/4/1")).as("needs its era column").isEmpty();
    }

    @Test
    void classifiesTheNotation() {
        assertThat(JapaneseDates.notationOf("令和六年四月一日")).contains(DateNotation.WAREKI_KANJI);
        assertThat(JapaneseDates.notationOf("S60年4月2日")).contains(DateNotation.WAREKI_KANJI);
        assertThat(JapaneseDates.notationOf("R6/4/1")).contains(DateNotation.WAREKI_LETTER);
        assertThat(JapaneseDates.notationOf("R06.04.01")).contains(DateNotation.WAREKI_LETTER_PADDED);
        assertThat(JapaneseDates.notationOf("R06/04/01")).contains(DateNotation.WAREKI_LETTER);
        assertThat(JapaneseDates.notationOf("2024-4-1")).contains(DateNotation.ISO);
        assertThat(JapaneseDates.notationOf("2024.4.1")).contains(DateNotation.SLASH);
        assertThat(JapaneseDates.notationOf("2024年4月1日")).contains(DateNotation.SLASH);
        assertThat(JapaneseDates.notationOf("20240401")).contains(DateNotation.COMPACT);
        assertThat(JapaneseDates.notationOf("きのう")).isEmpty();
    }

    @Test
    void newSpellingsAreStillStrict() {
        for (String s : new String[] {"令和六年二月三十日", "2024年2月30日", "2023.2.29", "R1.4.30", "H31/5/1", "令和元年4月30日",
                "平成三十一年五月一日", "S64.1.8", "R6.13.1", "R6.4.32", "2024/4/1/1", "R6.4", "6年4月1日", "2024-04/01", "令和六年四月",
                "令和6年4月1日生", "二〇二四", "R6 4 1", "24/4/1", ""}) {
            assertThatThrownBy(() -> JapaneseDates.parse(s)).as(s).isInstanceOf(DateParseException.class);
        }
        assertThatThrownBy(() -> JapaneseDates.parse("6/4/1")).hasMessageContaining("needs its era column");
        assertThatThrownBy(() -> JapaneseDates.parse("令和", "1/4/30")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("令和", "元年4月30日")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("令和", "元/2/30")).isInstanceOf(DateParseException.class);
    }

    @Test
    void gannenAndTheHeiseiReiwaBoundary() {
        assertThat(JapaneseDates.parse("令和元年5月1日")).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(JapaneseDates.parse("平成31年4月30日")).isEqualTo(LocalDate.of(2019, 4, 30));
        assertThat(JapaneseDates.parse("平成元年1月8日")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("昭和64年1月7日")).isEqualTo(LocalDate.of(1989, 1, 7));
        assertThat(JapaneseDates.format(LocalDate.of(2019, 5, 1), DateNotation.WAREKI_KANJI)).isEqualTo("令和元年5月1日");
        assertThat(JapaneseDates.format(LocalDate.of(2019, 4, 30), DateNotation.WAREKI_LETTER_PADDED)).isEqualTo("H31.04.30");
        assertThat(JapaneseDates.eraColumn(LocalDate.of(1989, 1, 7))).isEqualTo("昭和");
    }

    @Test
    void rejectsDatesThatDoNotExist() {
        assertThatThrownBy(() -> JapaneseDates.parse("平成31年5月1日")).isInstanceOf(DateParseException.class).hasMessageContaining("期間外");
        assertThatThrownBy(() -> JapaneseDates.parse("令和元年4月30日")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("令和", "1/4/30")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("昭和64年1月8日")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("2023-02-30")).isInstanceOf(DateParseException.class).hasMessageContaining("no such date");
        assertThatThrownBy(() -> JapaneseDates.parse("20230230")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("R0.4.1")).isInstanceOf(DateParseException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("きのう")).isInstanceOf(DateParseException.class).hasMessageContaining("not a recognised");
        assertThatThrownBy(() -> JapaneseDates.parse("X", "6/4/1")).isInstanceOf(DateParseException.class).hasMessageContaining("unknown era");
        assertThatThrownBy(() -> JapaneseDates.parse(null)).isInstanceOf(DateParseException.class);
    }

    /** 1,000 seeded random days from 1907 to 2072, plus the era boundaries themselves. */
    static IntStream days() {
        SplittableRandom r = new SplittableRandom(20261123);
        int[] boundaries = IntStream.of(-365 * 2, -4, -3, 0, 10_711, 10_712, 10_713).toArray();
        return IntStream.concat(IntStream.of(boundaries), IntStream.generate(() -> r.nextInt(-30_000, 30_000)).limit(1_000));
    }

    @ParameterizedTest
    @MethodSource("days")
    void everyNotationRoundTrips(int offset) {
        LocalDate d = LocalDate.of(1990, 1, 1).plusDays(offset);
        for (DateNotation n : DateNotation.values()) {
            String s = JapaneseDates.format(d, n);
            LocalDate back = n == DateNotation.ERA_COLUMN ? JapaneseDates.parse(JapaneseDates.eraColumn(d), s) : JapaneseDates.parse(s);
            assertThat(back).as(n + " " + s).isEqualTo(d);
        }
    }
}
