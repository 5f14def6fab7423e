package jp.mimamori.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import jp.mimamori.synth.SyntheticCity;

/**
 * End-to-end time of ingesting one month of every source: generates the city, then runs the real
 * {@code ingest} command in a fresh JVM capped at -Xmx1g (or the heap given as second argument) on a fresh embedded PostgreSQL, the way a
 * city's batch job would. Target: 1,000,000 residents in under 2 minutes with peak heap under 1 GB.
 */
public final class IngestTiming {

    private IngestTiming() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "1g";
        String jar = System.getenv().getOrDefault("MIMAMORI_SERVER_JAR", "server/target/mimamori-server.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("エラー / error: server jar not found: " + jar + " (run through ./mimamori bench ingest)");
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("mimamori-bench-ingest");
        Path city = tmp.resolve("city");
        System.out.printf("generating %,d residents ...%n", residents);
        SyntheticCity.Summary s = SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), city), m -> { });
        long rows = s.files().stream().mapToLong(f -> Long.parseLong(f[4])).sum();
        long bytes = 0;
        for (String[] f : s.files()) {
            bytes += Files.size(city.resolve(f[1]));
        }
        System.out.printf("city: %,d residents, %,d rows, %,d MiB in %d files%n", s.residents(), rows, bytes >> 20, s.files().size());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx" + heap, "-jar", jar, "ingest", "--data-dir", tmp.resolve("data").toString(), "--show", "0", "--stats", city.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  " + line);
            }
        }
        int code = p.waitFor();
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("ingest command with -Xmx%s (JVM start, embedded PostgreSQL start and migration included): %.1f s, exit %d, %,.0f rows/s%n",
                heap, sec, code, rows / sec);
        try (var walk = Files.walk(tmp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
