package jp.mimamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import jp.mimamori.synth.SyntheticCity;

/**
 * The monthly assessment at city scale: generates the city, loads it with the real {@code ingest}
 * command, links it with {@code link}, then times the real {@code assess} command. Target (issue 7):
 * 1,000,000 residents (about 170,000 children) in under 2 minutes.
 */
public final class AssessTiming {

    private AssessTiming() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String jar = System.getenv().getOrDefault("MIMAMORI_SERVER_JAR", "server/target/mimamori-server.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("エラー / error: server jar not found: " + jar + " (run through ./mimamori bench assess)");
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("mimamori-bench-assess");
        try {
            Path city = tmp.resolve("city");
            String data = tmp.resolve("data").toString();
            System.out.printf("generating %,d residents ...%n", residents);
            SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), city), m -> { });
            SearchTiming.run(jar, "1g", "ingest", "--data-dir", data, "--show", "0", city.toString());
            SearchTiming.run(jar, "4g", "link", "--data-dir", data);
            SearchTiming.run(jar, "2g", "assess", "--data-dir", data);
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
