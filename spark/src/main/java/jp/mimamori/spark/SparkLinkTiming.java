package jp.mimamori.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkRecordsCsv;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mimamori bench spark-link [RESIDENTS [MASTER [DIR [--spark-only]]]]}: links one synthetic city (合成都市)
 * in-process and on Spark (default local[2]) in this JVM, one after the other, and prints each one's
 * time and peak used heap (in local mode the driver and the executors are this JVM), and whether the
 * two gave the same persons. Figures go to docs/benchmarks.md with the command.
 *
 * <p>With {@code --spark-only} (a population the in-process engine cannot hold) the records are written
 * once to DIR/link-records.csv and Spark reads that file, as {@code spark link} does, so that neither the
 * records nor their features are ever whole in the driver's heap.
 */
public final class SparkLinkTiming {

    private SparkLinkTiming() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything logs: the generator's ledger writer would point log4j at its simple logger
        // (to quiet POI), and Spark needs log4j-core's own context, which is on this classpath.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 110_000;
        String master = args.length > 1 ? args[1] : "local[2]";
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("mimamori-bench-spark");
        boolean sparkOnly = args.length > 3 && args[3].equals("--spark-only");
        if (!Files.exists(dir.resolve("truth"))) {
            SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), dir), m -> { });
        }
        if (sparkOnly) {
            sparkOnly(dir, master);
            return;
        }
        List<LinkRecord> records = CityRecords.load(dir).records();
        System.out.printf("residents %,d, records %,d, heap limit %,d MiB, %d cores%n", residents, records.size(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        long t0 = System.nanoTime();
        LinkResult in;
        long inPeak;
        try (Peak peak = new Peak()) {
            in = new LinkageEngine().link(records);
            inPeak = peak.mib();
        }
        double inSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("in-process: %.1f s, peak heap %,d MiB, candidate pairs %,d%n", inSeconds, inPeak, in.candidatePairs());

        List<String[]> rows = new ArrayList<>(records.size());
        for (LinkRecord r : records) {
            rows.add(new String[] {r.source(), r.recordId(), r.name(), r.kana(), r.birth() == null ? null : r.birth().toString(), r.sex(),
                    r.address(), r.postcode(), r.sharedId(), r.household()});
        }
        records = null;
        SparkSession spark = SparkSessions.open(master, "mimamori-bench-spark-link");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ShuffleMeter meter = new ShuffleMeter();
            sc.sc().addSparkListener(meter);
            int partitions = SparkLink.defaultPartitions(sc, rows.size());
            JavaRDD<String[]> rdd = sc.parallelize(rows, partitions);
            long t1 = System.nanoTime();
            SparkLink.Result s;
            long sparkPeak;
            try (Peak peak = new Peak()) {
                s = SparkLink.link(sc, rdd, List.of(), null, partitions);
                sparkPeak = peak.mib();
            }
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            long persons = s.persons();
            long inPersons = Arrays.stream(in.clusterOf()).distinct().count();
            // In local mode the executors are threads of this JVM; on a cluster this JVM is only the driver.
            String heapOf = master.startsWith("local") ? "driver and executors" : "driver only";
            System.out.printf("spark %s: %.1f s, peak heap %,d MiB (%s), %d partitions, %d component rounds, candidate pairs %,d%n",
                    master, sparkSeconds, sparkPeak, heapOf, partitions, s.componentRounds(), s.candidatePairs());
            System.out.printf("persons: in-process %,d, spark %,d; review: in-process %,d, spark %,d%n", inPersons, persons, in.review().size(), s.review().size());
            System.out.println(meter.summary());
        } finally {
            spark.stop();
        }
    }

    private static void sparkOnly(Path dir, String master) throws Exception {
        Path file = dir.resolve("link-records.csv");
        if (!Files.exists(file)) {
            // Preparation, not timed: the records as export-extracts writes them.
            LinkRecordsCsv.write(CityRecords.load(dir).records(), file);
        }
        System.out.printf("records file %s (%,d MiB), heap limit %,d MiB, %d cores%n", file, Files.size(file) >> 20,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        SparkSession spark = SparkSessions.open(master, "mimamori-bench-spark-link");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ShuffleMeter meter = new ShuffleMeter();
            sc.sc().addSparkListener(meter);
            // The records file's lines, less its header: the count that sets the partitions, as spark link counts them.
            long lines;
            try (var l = Files.lines(file)) {
                lines = l.count() - 1;
            }
            int partitions = SparkLink.defaultPartitions(sc, lines);
            long t1 = System.nanoTime();
            SparkLink.Result s;
            long sparkPeak;
            try (Peak peak = new Peak()) {
                JavaRDD<String[]> rows = spark.read().option("header", "true").option("escape", "\"").option("inferSchema", "false")
                        .csv(file.toAbsolutePath().toString()).javaRDD().map(SparkCommand::columns);
                s = SparkLink.link(sc, rows, List.of(), null, partitions);
                sparkPeak = peak.mib();
            }
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            String heapOf = master.startsWith("local") ? "driver and executors" : "driver only";
            System.out.printf("spark %s: %.1f s, peak heap %,d MiB (%s), %d partitions, %d component rounds, records %,d, persons %,d,"
                            + " candidate pairs %,d, review %,d%n", master, sparkSeconds, sparkPeak, heapOf, partitions, s.componentRounds(),
                    s.records(), s.persons(), s.candidatePairs(), s.review().size());
            System.out.println(meter.summary());
        } finally {
            spark.stop();
        }
    }

    /** The largest used heap seen, sampled every 5 ms on a daemon thread. */
    static final class Peak implements AutoCloseable {
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long peak;

        Peak() {
            System.gc();
            sampler = new Thread(() -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                    peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "peak-heap");
            sampler.setDaemon(true);
            sampler.start();
        }

        long mib() {
            return peak >> 20;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            sampler.join();
        }
    }
}
