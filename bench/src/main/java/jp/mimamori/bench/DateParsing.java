package jp.mimamori.bench;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import jp.mimamori.core.date.JapaneseDates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Dates read per second for each notation: every row of every extract goes through this. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DateParsing {

    @Param({"令和6年4月1日", "R6.4.1", "R06.04.01", "2024-04-01", "2024/4/1", "20240401", "令和６年４月１日"})
    public String text;

    @Benchmark
    public LocalDate parse() {
        return JapaneseDates.parse(text);
    }
}
