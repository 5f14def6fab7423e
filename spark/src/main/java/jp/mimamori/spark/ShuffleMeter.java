package jp.mimamori.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a benchmark run moved and held, read from Spark's own listener events: bytes written to and read
 * from the shuffle, the largest single stage's shuffle write and its task count (how the work would
 * spread over a cluster's executors), and each executor's peak JVM heap as its heartbeats report it (on a
 * cluster the driver's heap says nothing about the executors').
 */
final class ShuffleMeter extends SparkListener {
    private final AtomicLong shuffleWrite = new AtomicLong();
    private final AtomicLong shuffleRead = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final Map<Integer, AtomicLong> writeByStage = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> tasksByStage = new ConcurrentHashMap<>();
    private final Map<String, Long> peakHeapByExecutor = new ConcurrentHashMap<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        tasks.incrementAndGet();
        TaskMetrics m = end.taskMetrics();
        if (m == null) {
            return;
        }
        long written = m.shuffleWriteMetrics().bytesWritten();
        shuffleWrite.addAndGet(written);
        shuffleRead.addAndGet(m.shuffleReadMetrics().totalBytesRead());
        writeByStage.computeIfAbsent(end.stageId(), s -> new AtomicLong()).addAndGet(written);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted done) {
        tasksByStage.put(done.stageInfo().stageId(), done.stageInfo().numTasks());
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        if ("driver".equals(update.execId())) {
            return;
        }
        for (ExecutorMetrics metrics : CollectionConverters.asJava(update.executorUpdates()).values()) {
            peakHeapByExecutor.merge(update.execId(), metrics.getMetricValue("JVMHeapMemory"), Math::max);
        }
    }

    /** One line for the benchmark's output. */
    String summary() {
        int largest = -1;
        long largestBytes = 0;
        for (Map.Entry<Integer, AtomicLong> e : writeByStage.entrySet()) {
            if (e.getValue().get() > largestBytes) {
                largestBytes = e.getValue().get();
                largest = e.getKey();
            }
        }
        StringBuilder heaps = new StringBuilder();
        peakHeapByExecutor.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> heaps.append(heaps.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(String.format("%,d MiB", e.getValue() >> 20)));
        return String.format("shuffle written %,d MiB, read %,d MiB; %,d tasks in %d stages; largest stage shuffle write %,d MiB in %d tasks;"
                        + " executors' peak heap: %s", shuffleWrite.get() >> 20, shuffleRead.get() >> 20, tasks.get(), tasksByStage.size(),
                largestBytes >> 20, tasksByStage.getOrDefault(largest, 0), heaps.length() == 0 ? "none reported (local mode: see the heap above)" : heaps);
    }
}
