package jp.mimamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.PairwiseQuality;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;

/**
 * End-to-end linkage of every source of a synthetic city in this JVM: time, peak heap, and pairwise
 * precision and recall against the ground truth. Target (issue 4): 1,000,000 residents in under
 * 5 minutes with peak heap under 4 GB (run with -Xmx4g to enforce it).
 */
public final class LinkTiming {

    private LinkTiming() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // With a folder as the second argument the city is generated there once and kept for later runs.
        boolean keep = args.length > 1;
        Path tmp = keep ? Path.of(args[1]) : Files.createTempDirectory("mimamori-bench-link");
        try {
            if (!Files.exists(tmp.resolve("truth"))) {
                SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), tmp), m -> { });
            }
            System.gc();
            long t0 = System.nanoTime();
            CityRecords.Loaded in;
            LinkResult r;
            long peak;
            double load;
            try (PeakHeap heap = new PeakHeap()) {
                in = CityRecords.load(tmp);
                load = (System.nanoTime() - t0) / 1e9;
                r = new LinkageEngine().link(in.records());
                peak = heap.peakMiB();
            }
            double total = (System.nanoTime() - t0) / 1e9;
            PairwiseQuality q = PairwiseQuality.of(java.util.Arrays.stream(r.clusterOf()).boxed().toList(), in.truePerson());
            System.out.printf("residents %,d, records %,d (after folding identical rows), candidate pairs %,d%n", residents, in.records().size(), r.candidatePairs());
            System.out.printf("read extracts %.1f s, link %.1f s, total %.1f s; peak heap %,d MiB (max %,d MiB)%n",
                    load, total - load, total, peak, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("pairwise precision %.4f, recall %.4f, F1 %.4f; %,d pairs for review%n",
                    q.precision(), q.recall(), q.f1(), r.review().size());
            System.out.printf("%-17s %12s %10s %8s %8s%n", "source pair", "true pairs", "precision", "recall", "F1");
            PairwiseQuality.bySourcePair(java.util.Arrays.stream(r.clusterOf()).boxed().toList(), in.truePerson(),
                    in.records().stream().map(jp.mimamori.core.link.LinkRecord::source).toList()).forEach((pair, pq) -> {
                        if (pq.truePairs() > 0) {
                            System.out.printf("%-17s %,12d %10.4f %8.4f %8.4f%n", pair, pq.truePairs(), pq.precision(), pq.recall(), pq.f1());
                        }
                    });
            System.out.printf("%-72s %14s %10s%n", "blocking pass", "comparisons", "dropped");
            r.passes().forEach(p -> System.out.printf("%-72s %,14d %,10d%n", p.name(), p.comparisons(), p.skippedRecords()));
        } finally {
            if (!keep) {
                try (var walk = Files.walk(tmp)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

}
