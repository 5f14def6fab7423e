package jp.mimamori.server.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mimamori.synth.SynthCommand;
import jp.mimamori.synth.SyntheticCity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mimamori demo}: a synthetic city, every pipeline stage that exists, and the web
 * application with one demo login per role. A second run reuses the city already generated.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic city (110,000 residents by default), run every pipeline stage that exists on it, and serve it with one demo login per role.",
            "A second run reuses the data already generated (see --regenerate)."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    DataDirOption data;

    @Option(names = "--residents", defaultValue = "110000", description = "Residents of the synthetic city (default: ${DEFAULT-VALUE}).")
    int residents;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic city (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--month", defaultValue = SynthCommand.DEFAULT_MONTH, converter = YearMonthConverter.class,
            description = "Extract month YYYY-MM (default: ${DEFAULT-VALUE}).")
    YearMonth month;

    @Option(names = "--regenerate", description = "Generate the city again even if it exists.")
    boolean regenerate;

    @Override
    public Integer call() throws Exception {
        Path city = data.dir.resolve("demo").resolve("city-r" + residents + "-s" + seed + "-" + month);
        if (regenerate || !SyntheticCity.isComplete(city)) {
            System.err.println("合成都市を生成しています / generating the synthetic city (" + residents + " residents) in " + city);
            long t0 = System.nanoTime();
            SyntheticCity.Summary s = SyntheticCity.generate(new SyntheticCity.Options(residents, seed, month, city), System.err::println);
            System.err.printf("生成完了 / generated: %,d residents, %,d children in %.1f s%n", s.residents(), s.children(), (System.nanoTime() - t0) / 1e9);
        } else {
            System.err.println("既存の合成都市を使います / reusing the synthetic city in " + city);
        }
        // Pipeline stages (ingest, identity, assessment) run here as they land.
        ServeCommand.start(port, data.dir, List.of("--mimamori.demo.enabled=true", "--mimamori.demo.city=" + city.toAbsolutePath()));
        return MimamoriCli.KEEP_RUNNING;
    }
}
