package jp.mimamori.core.date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
