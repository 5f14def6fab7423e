package jp.mimamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import jp.mimamori.synth.SyntheticCity;

/**
 * What the end-to-end benchmarks share: a synthetic city generated, loaded with the real {@code ingest}
 * command and linked with {@code link}, in a temporary folder removed afterwards.
 */
final class CityPipeline {

    /** What a benchmark does with the linked city: the server jar, the city folder, the data folder, the temporary folder. */
    interface Then {
        void run(String jar, Path city, String data, Path tmp) throws Exception;
    }

    private CityPipeline() {
    }

    static void linked(String program, int residents, long seed, Then then) throws Exception {
        String jar = System.getenv().getOrDefault("MIMAMORI_SERVER_JAR", "server/target/mimamori-server.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("エラー / error: server jar not found: " + jar + " (run through ./mimamori bench " + program + ")");
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("mimamori-bench-" + program);
        try {
            Path city = tmp.resolve("city");
            String data = tmp.resolve("data").toString();
            System.out.printf("generating %,d residents (seed %d) ...%n", residents, seed);
            SyntheticCity.generate(new SyntheticCity.Options(residents, seed, YearMonth.of(2026, 4), city), m -> { });
            SearchTiming.run(jar, "1g", "ingest", "--data-dir", data, "--show", "0", city.toString());
            SearchTiming.run(jar, "4g", "link", "--data-dir", data);
            then.run(jar, city, data, tmp);
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
