package jp.mimamori.bench;

/** Samples the used heap every few milliseconds on a daemon thread and keeps the largest value seen. */
final class PeakHeap implements AutoCloseable {

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    PeakHeap() {
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

    long peakMiB() {
        return peak >> 20;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
