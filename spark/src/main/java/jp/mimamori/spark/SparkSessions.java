package jp.mimamori.spark;

import org.apache.spark.sql.SparkSession;

/** How every job of this module opens its Spark session. */
final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session on {@code master}, without the web UI; in local mode the driver is addressed on the loopback
     * interface, since the machine's own name may resolve to an address nothing listens on (a cluster's
     * workers need the real one). Every finished stage is a line on the standard error ({@link StageProgress}).
     */
    static SparkSession open(String master, String name) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(name).config("spark.ui.enabled", "false");
        // Kryo instead of Java serialization for what the shuffle and the spilled caches hold, unless the
        // administrator chose a serializer (-Dspark.serializer=…): see docs/benchmarks.md for both measured.
        if (System.getProperty("spark.serializer") == null) {
            b.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").config("spark.kryo.registrator", KryoRecords.class.getName());
        }
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        // A session already open is returned as it is, with the listener it was given.
        boolean open = SparkSession.getDefaultSession().isDefined() && !SparkSession.getDefaultSession().get().sparkContext().isStopped();
        SparkSession session = b.getOrCreate();
        if (!open) {
            session.sparkContext().addSparkListener(new StageProgress(System.err));
        }
        return session;
    }
}
