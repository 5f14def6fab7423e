package jp.mimamori.server.cli;

import java.time.YearMonth;
import picocli.CommandLine;

/**
 * Reads a command's month (対象月) written YYYY-MM, with a bilingual message on failure. The server's own,
 * not the generator's: a production command must not need the synthetic city (synth) to parse its options.
 */
public final class YearMonthConverter implements CommandLine.ITypeConverter<YearMonth> {

    @Override
    public YearMonth convert(String value) {
        try {
            return YearMonth.parse(value);
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "月は YYYY-MM 形式で指定してください / month must be YYYY-MM: '" + value + "'");
        }
    }
}
