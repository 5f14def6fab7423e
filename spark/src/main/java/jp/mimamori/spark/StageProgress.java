package jp.mimamori.spark;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * A line per finished stage on the standard error, so that a run of an hour (a million residents on two
 * cores) shows it is moving: the stage, its tasks and time, and the time since the session opened. Spark's
 * own console progress bar redraws one line with carriage returns, which a log file or a scheduler's
 * capture turns into noise.
 */
final class StageProgress extends SparkListener {
    private final long started = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final PrintStream out;

    StageProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        out.println(line(completed.stageInfo(), done.incrementAndGet(), (System.nanoTime() - started) / 1_000_000_000L));
    }

    static String line(StageInfo stage, int stagesDone, long elapsedSeconds) {
        double seconds = stage.submissionTime().isDefined() && stage.completionTime().isDefined()
                ? ((Long) stage.completionTime().get() - (Long) stage.submissionTime().get()) / 1000.0 : 0.0;
        boolean failed = stage.failureReason().isDefined();
        return String.format("Spark: 段階 %d %s（%d タスク、%.1f 秒、%d 段階目、経過 %d 分 %02d 秒） / stage %d %s (%d tasks, %.1f s;"
                        + " %d stages so far, %d min %02d s elapsed)", stage.stageId(), failed ? "失敗" : "完了", stage.numTasks(), seconds,
                stagesDone, elapsedSeconds / 60, elapsedSeconds % 60, stage.stageId(), failed ? "failed" : "done", stage.numTasks(), seconds,
                stagesDone, elapsedSeconds / 60, elapsedSeconds % 60);
    }
}
