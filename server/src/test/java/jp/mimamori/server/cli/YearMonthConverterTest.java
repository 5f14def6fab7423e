package jp.mimamori.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands' --month (対象月), read by the server's own converter since it no longer borrows synth's. */
class YearMonthConverterTest {

    @Test
    void readsYyyyMmAndNamesTheValueItCannotRead() {
        YearMonthConverter c = new YearMonthConverter();
        assertThat(c.convert("2026-04")).isEqualTo(YearMonth.of(2026, 4));
        assertThatThrownBy(() -> c.convert("2026/4")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("月は YYYY-MM 形式で指定してください / month must be YYYY-MM: '2026/4'");
    }
}
