package jp.mimamori.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.core.assess.AssessmentFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mimamori spark assess [--master local[2]] [--partitions N] --out OUT DIR}: the monthly assessment of
 * the inputs {@code ./mimamori export-extracts DIR} wrote ({@link AssessmentFiles}), on Spark
 * ({@link SparkAssess}); OUT is what {@code ./mimamori import-assessment OUT} stores as the month's run.
 */
final class SparkAssessCommand {

    private SparkAssessCommand() {
    }

    static final String HELP = """
            Usage: mimamori spark assess [--master URL] [--partitions N] --out OUT DIR

            Assesses DIR/assess-facts.csv with DIR/assess-rules.csv, assess-connected.csv and assess.properties (written by
            ./mimamori export-extracts DIR) on Apache Spark, with the same indicators, scores, ranks and reasons as
            ./mimamori assess, and writes OUT/assessment.properties, children.csv, flags.csv, reasons.csv and summary.txt:
            load them with ./mimamori import-assessment OUT.

              --master URL        Spark master (default local[2])
              --partitions N      partitions of the shuffle by household (default 2 x the master's cores)
            """;

    static int run(String[] args) throws Exception {
        String master = "local[2]";
        int partitions = 0;
        Path out = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help" -> {
                    System.out.println(HELP);
                    return 0;
                }
                case "--master" -> master = SparkCommand.value(args, ++i, a);
                case "--partitions" -> partitions = Integer.parseInt(SparkCommand.value(args, ++i, a));
                case "--out" -> out = Path.of(SparkCommand.value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || dir != null) {
                        throw new SparkCommand.UsageException("不明な引数です / unexpected argument: " + a + "\n\n" + HELP);
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (out == null || dir == null) {
            throw new SparkCommand.UsageException("--out と抽出フォルダが必要です / --out and the extract folder are required\n\n" + HELP);
        }
        Path facts = dir.resolve(AssessmentFiles.FACTS);
        if (!Files.isRegularFile(facts)) {
            throw new SparkCommand.UsageException("評価用データがありません（export-extracts で書けます）/ no assessment inputs: " + facts);
        }
        AssessmentFiles.Inputs inputs = AssessmentFiles.readInputs(dir, false);
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.open(master, "mimamori-assess");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int p = partitions > 0 ? partitions : Math.max(2, 2 * sc.defaultParallelism());
            SparkAssess.Result r = SparkAssess.assess(sc, read(spark, facts), inputs, p);
            AssessmentFiles.writeOutcome(out, inputs.linkRun(), r.outcome());
            String summary = summary(r, (System.nanoTime() - t0) / 1e9);
            Files.writeString(out.resolve("summary.txt"), summary);
            System.out.print(summary);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Every column as text (an empty cell is absent), read by Spark's own CSV reader: the facts are never whole on the driver. */
    static JavaRDD<AssessmentFiles.Placed> read(SparkSession spark, Path facts) {
        return spark.read().option("header", "true").option("escape", "\"").option("inferSchema", "false")
                .csv(facts.toAbsolutePath().toString()).javaRDD().map(SparkAssessCommand::placed);
    }

    static AssessmentFiles.Placed placed(Row row) {
        String[] c = new String[row.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = row.isNullAt(i) ? null : row.getString(i);
        }
        return AssessmentFiles.fact(c, 0);
    }

    static String summary(SparkAssess.Result r, double seconds) {
        var o = r.outcome();
        return String.format("as of %s: facts %,d, households %,d, children %,d, flagged %,d, came forward %,d, ranked %,d, proposed %,d,"
                        + " label frequency %.4f, estimated prior %.4f, partitions %d, %.1f s%n", o.settings().asOf(), r.facts(), r.groups(),
                o.children().size(), o.flagged(), o.model().positives(), o.ranked().size(), o.proposals().size(), o.model().labelFrequency(),
                o.model().estimatedPrior(), r.partitions(), seconds);
    }
}
