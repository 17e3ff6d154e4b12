package org.bulletin.schemas.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.bulletin.schemas.registry.SchemaRegistry;

/**
 * Serde for {@link GenericRecord}s in the Confluent wire format, for tools that handle any topic (replay, inspection,
 * the DLQ). Each record is written with its own schema; reading yields records in the writer's schema, or resolved to
 * a fixed reader schema when one is given. Same error and null semantics as {@link AvroSerde}. Thread-safe.
 */
public final class GenericAvroSerde
        implements Serde<GenericRecord>, Serializer<GenericRecord>, Deserializer<GenericRecord> {

    private final WireFormat<GenericRecord> wire;
    private volatile boolean isKey;

    /** Reads every record in the schema it was written with. */
    public GenericAvroSerde(SchemaRegistry registry) {
        this(registry, null);
    }

    /** Reads every record resolved to {@code readerSchema} (null: the writer's schema). */
    public GenericAvroSerde(SchemaRegistry registry, Schema readerSchema) {
        Objects.requireNonNull(registry, "registry");
        // Collections sized by the count the bytes claim only up to a bound (AvroSerde.MAX_PRESIZE): a poison pill
        // claiming two billion elements must end in SerializationException, not OutOfMemoryError.
        GenericData model = new GenericData() {
            @Override
            public Object newArray(Object old, int size, Schema schema) {
                return super.newArray(old, AvroSerde.presize(size), schema);
            }

            @Override
            public Object newMap(Object old, int size) {
                return super.newMap(old, AvroSerde.presize(size));
            }
        };
        this.wire = new WireFormat<>(
                registry,
                writer -> new GenericDatumWriter<>(writer, model),
                writer -> new GenericDatumReader<>(writer, readerSchema == null ? writer : readerSchema, model));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, GenericRecord data) {
        if (data == null) {
            return null;
        }
        return wire.serialize(topic + (isKey ? "-key" : "-value"), data, data.getSchema());
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        return wire.deserialize(topic, data);
    }

    @Override
    public void close() {
        // nothing to release: the registry client is owned by whoever passed it in
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return this;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return this;
    }
}
