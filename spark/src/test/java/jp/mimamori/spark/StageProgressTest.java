package jp.mimamori.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** A long Spark run shows it is moving: every finished stage is one line, in Japanese and English, with its tasks. */
class StageProgressTest {

    @Test
    void everyFinishedStageIsOneLine() throws Exception {
        SparkSession spark = SparkSessions.open("local[1]", "mimamori-progress-test");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StageProgress progress = new StageProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            spark.sparkContext().addSparkListener(progress);
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // Two stages: the map side of the shuffle and the reduce side, two tasks each.
            sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 2).mapToPair(i -> new Tuple2<>(i % 3, i)).reduceByKey(Integer::sum, 2).collect();
            // Listener events arrive on Spark's own thread: wait for them (at most 30 s).
            long until = System.nanoTime() + 30_000_000_000L;
            while (lines(bytes).size() < 2 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            List<String> lines = lines(bytes);
            assertThat(lines).hasSize(2);
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("Spark: 段階 ").contains(" 完了（2 タスク、").contains(" done (2 tasks, ")
                    .contains(" min ").doesNotContain("失敗"));
            assertThat(lines.get(1)).contains("2 段階目").contains("2 stages so far");
        } finally {
            spark.stop();
        }
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
