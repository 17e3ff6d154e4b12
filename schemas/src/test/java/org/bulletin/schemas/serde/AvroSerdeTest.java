package org.bulletin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Samples;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "bulletin.notifications.v1";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldRoundTripEveryContract() {
        AvroSerde<RawRelease> raw = new AvroSerde<>(registry, RawRelease.class);
        AvroSerde<Release> release = new AvroSerde<>(registry, Release.class);
        AvroSerde<Notification> notification = new AvroSerde<>(registry, Notification.class);

        assertThat(raw.deserialize("bulletin.raw.v1", raw.serialize("bulletin.raw.v1", Samples.rawRelease())))
                .isEqualTo(Samples.rawRelease());
        assertThat(release.deserialize(
                        "bulletin.enriched.v1", release.serialize("bulletin.enriched.v1", Samples.release())))
                .isEqualTo(Samples.release());
        assertThat(notification.deserialize(TOPIC, notification.serialize(TOPIC, Samples.notification())))
                .isEqualTo(Samples.notification());
    }

    @Test
    void shouldWriteConfluentFrameWithIdRegisteredUnderTopicValueSubject() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);

        byte[] bytes = serde.serialize(TOPIC, Samples.notification());

        int id =
                registry.lookup(TOPIC + "-value", Notification.getClassSchema()).orElseThrow();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void shouldRegisterUnderKeySubjectWhenConfiguredAsKeySerde() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);
        serde.configure(java.util.Map.of(), true);

        serde.serialize(TOPIC, Samples.notification());

        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
    }

    @Test
    void shouldPassNullThroughForTombstones() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);

        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldReadRecordFromNewerWriterWithExtraField() {
        Schema newer = withField(
                Notification.getClassSchema(),
                new Schema.Field("priority", Schema.create(Schema.Type.INT), "Added later.", 0));
        GenericRecord written = genericNotification(newer);
        written.put("priority", 7);
        byte[] bytes = new GenericAvroSerde(registry).serialize(TOPIC, written);

        Notification read = new AvroSerde<>(registry, Notification.class).deserialize(TOPIC, bytes);

        assertThat(read.getReleaseId()).isEqualTo("r-1");
        assertThat(read.getTitle()).isEqualTo("Title");
        assertThat(read.getStoredAt()).isEqualTo(Samples.notification().getStoredAt());
        assertThat(read.getReplay()).isTrue();
    }

    @Test
    void shouldFillDefaultsWhenOlderWriterLacksDefaultedFields() {
        Schema older = withoutFields(Notification.getClassSchema(), List.of("classifierVersion", "url", "topics"));
        GenericRecord written = new GenericData.Record(older);
        written.put("releaseId", "r-1");
        written.put("title", "Title");
        written.put("regions", List.of("global"));
        written.put("storedAt", Samples.notification().getStoredAt().toEpochMilli());
        written.put("replay", false);
        byte[] bytes = new GenericAvroSerde(registry).serialize(TOPIC, written);

        Notification read = new AvroSerde<>(registry, Notification.class).deserialize(TOPIC, bytes);

        assertThat(read.getRegions()).containsExactly("global");
        assertThat(read.getTopics()).isEmpty();
        assertThat(read.getUrl()).isNull();
        assertThat(read.getClassifierVersion()).isNull();
    }

    @Test
    void shouldReadAsGenericRecordInWriterSchema() {
        byte[] bytes = new AvroSerde<>(registry, Notification.class).serialize(TOPIC, Samples.notification());

        GenericRecord read = new GenericAvroSerde(registry).deserialize(TOPIC, bytes);

        assertThat(read.getSchema()).isEqualTo(Notification.getClassSchema());
        assertThat(read.get("releaseId")).hasToString(Samples.notification().getReleaseId());
    }

    @Test
    void shouldRejectWrongMagicByte() {
        byte[] bytes = new AvroSerde<>(registry, Notification.class).serialize(TOPIC, Samples.notification());
        bytes[0] = 1;

        assertThatThrownBy(() -> new AvroSerde<>(registry, Notification.class).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        byte[] bytes = new AvroSerde<>(registry, Notification.class).serialize(TOPIC, Samples.notification());
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        assertThatThrownBy(() -> new AvroSerde<>(registry, Notification.class).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 4242");
    }

    @Test
    void shouldRejectTruncatedRecords() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);
        byte[] bytes = serde.serialize(TOPIC, Samples.notification());

        assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(bytes, 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not valid Avro");
        assertThatThrownBy(() -> serde.deserialize(TOPIC, new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRejectTrailingBytes() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);
        byte[] bytes = serde.serialize(TOPIC, Samples.notification());

        assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldRejectRecordWrittenWithIncompatibleSchema() {
        Schema other = SchemaBuilder.record("Notification")
                .namespace("org.bulletin.schemas")
                .fields()
                .requiredInt("releaseId")
                .endRecord();
        GenericRecord written = new GenericData.Record(other);
        written.put("releaseId", 5);
        byte[] bytes = new GenericAvroSerde(registry).serialize("elsewhere", written);

        assertThatThrownBy(() -> new AvroSerde<>(registry, Notification.class).deserialize("elsewhere", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id");
    }

    @Test
    void shouldRejectHugeDeclaredStringLengthWithoutExhaustingMemory() {
        AvroSerde<Notification> serde = new AvroSerde<>(registry, Notification.class);
        byte[] valid = serde.serialize(TOPIC, Samples.notification());
        // Header, then a zig-zag varint claiming a ~1 GiB releaseId.
        byte[] bytes = Arrays.copyOf(valid, 10);
        bytes[5] = (byte) 0x80;
        bytes[6] = (byte) 0x80;
        bytes[7] = (byte) 0x80;
        bytes[8] = (byte) 0x80;
        bytes[9] = (byte) 0x08;

        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes)).isInstanceOf(SerializationException.class);
    }

    static GenericRecord genericNotification(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("releaseId", "r-1");
        record.put("title", "Title");
        record.put("regions", List.of("global"));
        record.put("topics", List.of("diplomacy"));
        record.put("url", null);
        record.put("storedAt", Samples.notification().getStoredAt().toEpochMilli());
        record.put("replay", true);
        record.put("classifierVersion", "v1");
        return record;
    }

    static Schema withField(Schema schema, Schema.Field added) {
        List<Schema.Field> fields = new java.util.ArrayList<>(copy(schema.getFields()));
        fields.add(added);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    static Schema withoutFields(Schema schema, List<String> removed) {
        List<Schema.Field> fields = copy(schema.getFields().stream()
                .filter(f -> !removed.contains(f.name()))
                .toList());
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static List<Schema.Field> copy(List<Schema.Field> fields) {
        return fields.stream().map(f -> new Schema.Field(f, f.schema())).toList();
    }
}
