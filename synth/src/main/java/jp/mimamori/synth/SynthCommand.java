package jp.mimamori.synth;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mimamori synth}: writes a synthetic city's monthly extracts and its ground truth. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic city: one CSV extract per source system for one month, plus DIR/truth/ with the ground truth.",
            "Deterministic: the same --residents, --seed and --month always give the same bytes."})
public final class SynthCommand implements Callable<Integer> {

    /** The default month is fixed, not today's, so that a bare `synth` is reproducible. */
    public static final String DEFAULT_MONTH = "2026-04";

    @Option(names = "--residents", defaultValue = "110000", description = "Number of residents (default: ${DEFAULT-VALUE}, the reference city).")
    int residents;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--month", defaultValue = DEFAULT_MONTH, converter = YearMonthConverter.class,
            description = "Extract month YYYY-MM, from 2023-04 (default: ${DEFAULT-VALUE}).")
    YearMonth month;

    @Option(names = "--out", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--quiet", description = "Print no progress.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter stdout = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        SyntheticCity.Summary s = SyntheticCity.generate(new SyntheticCity.Options(residents, seed, month, out),
                msg -> {
                    if (!quiet) {
                        err.println(msg);
                    }
                });
        stdout.printf("synthetic city / 合成都市: %,d residents, %,d households, %,d children (0-17), %,d in need of support, %,d of them came forward%n",
                s.residents(), s.households(), s.children(), s.needSupport(), s.cameForward());
        for (String[] f : s.files()) {
            stdout.printf("  %-13s %-11s %-20s %,10d rows%n", f[1], f[2], f[3], Integer.parseInt(f[4]));
        }
        stdout.printf("written to %s (ground truth in truth/) in %.1f s%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Reads YYYY-MM with a bilingual message on failure. */
    public static final class YearMonthConverter implements CommandLine.ITypeConverter<YearMonth> {
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

    /** Turns an exception into a bilingual one-line error instead of a stack trace. */
    public static int execute(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("エラー / error: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(new SynthCommand(), args));
    }
}
