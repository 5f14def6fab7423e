package jp.mimamori.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Kryo for Spark's shuffle and caches, with Java records (core's and this module's) written by Java
 * serialization inside it: Spark's Kryo cannot set a record's final fields, and every other class
 * (tuples, arrays, core's prepared records) keeps Kryo's compact form.
 */
public final class KryoRecords implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
