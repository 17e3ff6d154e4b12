package org.bulletin.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.bulletin.schemas.registry.SchemaRegistry;

/**
 * Serde for a generated Avro class in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), interoperable with Confluent's serializers in any language. Serializing registers the class's schema under
 * {@code <topic>-value} ({@code -key} for a key serde; TopicNameStrategy); deserializing resolves the writer's schema,
 * fetched by id, against the class's, so records from older or newer writers are read. Bad bytes throw
 * {@link SerializationException}; null is passed through (tombstones). Thread-safe; it is its own serializer and
 * deserializer.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final Schema schema;
    private final WireFormat<T> wire;
    private volatile boolean isKey;

    /** A value serde for {@code type}, registering under {@code <topic>-value}. */
    public AvroSerde(SchemaRegistry registry, Class<T> type) {
        this(registry, type, false);
    }

    /** A serde for {@code type}; {@code isKey} selects the {@code <topic>-key} subject. */
    public AvroSerde(SchemaRegistry registry, Class<T> type, boolean isKey) {
        Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        // getForClass returns the class's own model, which carries its logical-type conversions (Instant, LocalDate).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        SpecificData readModel = readModel(type, model);
        this.wire = new WireFormat<>(
                registry,
                writer -> new SpecificDatumWriter<>(writer, model),
                writer -> new SpecificDatumReader<>(writer, schema, readModel));
        this.isKey = isKey;
    }

    /** The reader and writer schema: the generated class's. */
    public Schema schema() {
        return schema;
    }

    /** The generated class this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    /** The subject records for {@code topic} are registered under. */
    public String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return wire.serialize(subject(topic), data, schema);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return wire.deserialize(topic, data);
    }

    @Override
    public void close() {
        // nothing to release: the registry client is owned by whoever passed it in
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public String toString() {
        return "AvroSerde[" + type.getSimpleName() + "]";
    }

    /**
     * The most elements an array or map is sized for before any is read. The count comes from the bytes: arbitrary
     * bytes on a topic (a poison pill) can claim two billion elements. A list sized for them up front ran the consumer
     * out of heap before the decoder could find the bytes missing and say SerializationException (found by
     * DeserializerRobustnessTest's property), and a map allocates a table for them at its first entry (4 GB for a
     * billion). Past this, a collection grows as its elements are actually read.
     */
    static final int MAX_PRESIZE = 1024;

    /** The size to give a collection whose bytes claim {@code size} elements: see {@link #MAX_PRESIZE}. */
    static int presize(int size) {
        return Math.max(0, Math.min(size, MAX_PRESIZE));
    }

    /**
     * The class's model (with its logical-type conversions) except that arrays are read into {@link ArrayList}s:
     * Avro's own {@code GenericData.Array.equals} compares with the conversion-less default model and throws on a
     * logical type inside a union (a nullable timestamp-millis in a record in a list), which breaks
     * {@code Release.equals} on every deserialized release. Neither arrays nor maps are sized past
     * {@link #MAX_PRESIZE} before their elements are read.
     */
    private static SpecificData readModel(Class<?> type, SpecificData classModel) {
        SpecificData model = new SpecificData(type.getClassLoader()) {
            @Override
            public Object newArray(Object old, int size, Schema schema) {
                return new ArrayList<>(presize(size));
            }

            @Override
            public Object newMap(Object old, int size) {
                return new HashMap<>(presize(size));
            }
        };
        classModel.getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }
}
