package jp.mimamori.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jp.mimamori.core.assess.Assessment;
import jp.mimamori.core.assess.AssessmentFiles;
import jp.mimamori.core.assess.Fact;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mimamori bench spark-assess [HOUSEHOLDS [MASTER [DIR]]]}: assesses one made-up town
 * ({@link SyntheticFacts}, default 3,000 households) in-process and on Spark (default local[2]) in this JVM, one
 * after the other, and prints each one's time and peak used heap (in local mode the driver and the executors
 * are this JVM) and whether the two agree. Spark reads the facts from DIR/assess-facts.csv, as
 * {@code spark assess} does. Figures go to docs/benchmarks.md with the command.
 */
public final class SparkAssessTiming {

    private SparkAssessTiming() {
    }

    public static void main(String[] args) throws Exception {
        int households = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        String master = args.length > 1 ? args[1] : "local[2]";
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("mimamori-bench-spark-assess");
        List<Fact> facts = SyntheticFacts.town(households, 1);
        Assessment.Settings settings = new Assessment.Settings(SyntheticFacts.AS_OF, null, Set.of(), 0.01);
        // Preparation, not timed: the inputs as export-extracts writes them.
        AssessmentFiles.writeInputs(dir, 1, settings, facts, SyntheticFacts.rules(), Set.of());
        System.out.printf("households %,d, facts %,d (%,d KiB), heap limit %,d MiB, %d cores%n", households, facts.size(),
                Files.size(dir.resolve(AssessmentFiles.FACTS)) >> 10, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        AssessmentFiles.Inputs inputs = AssessmentFiles.readInputs(dir, false);

        long t0 = System.nanoTime();
        Assessment.Outcome in;
        long inPeak;
        try (SparkLinkTiming.Peak peak = new SparkLinkTiming.Peak()) {
            in = Assessment.assess(settings, facts, inputs.rules(), inputs.connected());
            inPeak = peak.mib();
        }
        double inSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("in-process: %.1f s, peak heap %,d MiB, children %,d, ranked %,d%n", inSeconds, inPeak, in.children().size(), in.ranked().size());
        facts = null;
        SparkSession spark = SparkSessions.open(master, "mimamori-bench-spark-assess");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = Math.max(2, 2 * sc.defaultParallelism());
            long t1 = System.nanoTime();
            SparkAssess.Result s;
            long sparkPeak;
            try (SparkLinkTiming.Peak peak = new SparkLinkTiming.Peak()) {
                s = SparkAssess.assess(sc, SparkAssessCommand.read(spark, dir.resolve(AssessmentFiles.FACTS)), inputs, partitions);
                sparkPeak = peak.mib();
            }
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            String heapOf = master.startsWith("local") ? "driver and executors" : "driver only";
            boolean same = s.outcome().ranks().equals(in.ranks()) && s.outcome().flags().equals(in.flags());
            double maxDiff = 0;
            for (int i = 0; i < in.model().scores().size(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(in.model().scores().get(i).score() - s.outcome().model().scores().get(i).score()));
            }
            System.out.printf("spark %s: %.1f s, peak heap %,d MiB (%s), %d partitions, households %,d%n", master, sparkSeconds, sparkPeak, heapOf,
                    partitions, s.groups());
            System.out.printf("same ranks and flags: %s; largest score difference %.1e%n", same, maxDiff);
        } finally {
            spark.stop();
        }
    }
}
