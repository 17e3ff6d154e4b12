package org.bulletin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.errors.SerializationException;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Samples;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

/** Whatever arrives on a topic, the deserializer either decodes it or says SerializationException (DLQ), nothing else. */
class DeserializerRobustnessTest {

    private static final String TOPIC = "bulletin.enriched.v1";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Release> releases = new AvroSerde<>(registry, Release.class);
    private final AvroSerde<RawRelease> raws = new AvroSerde<>(registry, RawRelease.class);
    private final byte[] validRelease = releases.serialize(TOPIC, Samples.release());
    private final byte[] validRaw = raws.serialize("bulletin.raw.v1", Samples.rawRelease());
    private final byte[] validNotification =
            new AvroSerde<>(registry, Notification.class).serialize("n", Samples.notification());

    @Property(tries = 1000)
    void shouldThrowOnlySerializationExceptionOnArbitraryBytes(@ForAll("payloads") byte[] payload) {
        Throwable releaseError = catchThrowable(() -> releases.deserialize(TOPIC, payload));
        Throwable rawError = catchThrowable(() -> raws.deserialize(TOPIC, payload));

        assertThat(releaseError)
                .satisfiesAnyOf(
                        e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(SerializationException.class));
        assertThat(rawError)
                .satisfiesAnyOf(
                        e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(SerializationException.class));
        Statistics.collect(outcome(releaseError));
        Statistics.coverage(checker -> {
            checker.check("decoded").count(n -> n > 0);
            checker.check("bad Avro").count(n -> n > 0);
        });
    }

    @Test
    void shouldNotSizeACollectionByTheCountTheBytesClaim() {
        // Found by the property above (seed 4904227073281566118): a frame whose array claims about two billion
        // elements ran the heap out (OutOfMemoryError) before the decoder found the bytes missing.
        byte[] array = {0, 0, 0, 0, 0, 6, 0, 0, 0, -1, -1, -1, -1, 12, 118};
        System.arraycopy(validRelease, 1, array, 1, 4);
        assertThat(catchThrowable(() -> releases.deserialize(TOPIC, array))).isInstanceOf(SerializationException.class);
        // The same for the generic serde of the replay and dead-letter tools.
        assertThat(catchThrowable(() -> new GenericAvroSerde(registry).deserialize(TOPIC, array)))
                .isInstanceOf(SerializationException.class);
    }

    private static String outcome(Throwable error) {
        if (error == null) {
            return "decoded";
        }
        return error.getMessage().contains("not valid Avro") ? "bad Avro" : "bad header or schema";
    }

    /** Mostly frames naming a registered schema id, so the Avro decoder (not just the header check) is exercised. */
    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> framed = Combinators.combine(Arbitraries.integers().between(0, 4), random)
                .as((id, tail) -> ByteBuffer.allocate(5 + tail.length)
                        .put((byte) 0)
                        .putInt(id)
                        .put(tail)
                        .array());
        Arbitrary<byte[]> mutated = Combinators.combine(
                        Arbitraries.of(validRelease, validRaw, validNotification),
                        Arbitraries.integers().between(5, 2000),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(0, 40))
                .as((valid, position, value, cut) -> {
                    byte[] copy = java.util.Arrays.copyOf(valid, Math.max(5, valid.length - cut));
                    copy[Math.min(position, copy.length - 1)] = value;
                    return copy;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, random),
                net.jqwik.api.Tuple.of(4, framed),
                net.jqwik.api.Tuple.of(4, mutated));
    }
}
