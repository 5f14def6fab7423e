package jp.mimamori.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Kryo for Spark's shuffle and caches, with Java records (core's and this module's) written by Java
 * serialization inside it: Spark's Kryo cannot set a record's final fields, and every other class
 * (tuples, arrays, core's prepared records) keeps Kryo's compact form. The classes that travel by the
 * million are registered, so each is written as a small number instead of its class name: every
 * shuffled record of a block carries a prepared record and its features.
 */
public final class KryoRecords implements KryoRegistrator {

    /** The order is part of the format: every JVM of a job registers the same list. */
    static final String[] FREQUENT = {
        "jp.mimamori.core.link.LinkPieces$Prepared",
        "jp.mimamori.core.link.Features",
        "jp.mimamori.spark.SparkLink$BlockEntry",
        "jp.mimamori.spark.SparkLink$BlockOut",
        "jp.mimamori.spark.SparkLink$ComponentOut",
        "java.time.LocalDate",
        "scala.Tuple2",
        "scala.Tuple3",
        "[J",
        "[D",
        "[B",
        "[Ljava.lang.String;",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
        for (String name : FREQUENT) {
            try {
                kryo.register(Class.forName(name, false, KryoRecords.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Kryo registration: " + name, e);
            }
        }
    }
}
