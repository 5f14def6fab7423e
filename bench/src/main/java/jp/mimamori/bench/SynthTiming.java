package jp.mimamori.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.stream.Stream;
import jp.mimamori.synth.SyntheticCity;

/**
 * End-to-end time of the synthetic city generator (simulation of every month since the epoch and
 * every extract written), with the peak heap. Targets: 110,000 residents under 30 s and
 * 1,000,000 under 5 minutes on the 2-core reference machine.
 */
public final class SynthTiming {

    private SynthTiming() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {110_000, 1_000_000} : Stream.of(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("synthetic city generator, month %s, seed 1, %d cores, max heap %d MiB%n",
                "2026-04", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%12s %10s %12s %12s %14s%n", "residents", "seconds", "rows", "MiB written", "peak heap MiB");
        for (int n : sizes) {
            Path out = Files.createTempDirectory("mimamori-bench-synth");
            try {
                long t0 = System.nanoTime();
                SyntheticCity.Summary s;
                long peak;
                try (PeakHeap heap = new PeakHeap()) {
                    s = SyntheticCity.generate(new SyntheticCity.Options(n, 1, YearMonth.of(2026, 4), out), m -> { });
                    peak = heap.peakMiB();
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                long rows = s.files().stream().mapToLong(f -> Long.parseLong(f[4])).sum();
                System.out.printf("%,12d %10.1f %,12d %,12d %,14d%n", s.residents(), sec, rows, size(out) >> 20, peak);
            } finally {
                delete(out);
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
