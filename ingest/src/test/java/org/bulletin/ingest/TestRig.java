package org.bulletin.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.schemas.RawRelease;

/** An Ingestor over Kafka's MockProducer and a ledger in a temp dir; one instance = one process lifetime. */
final class TestRig implements AutoCloseable {

    static final String RAW = "bulletin.raw.v1";
    static final String DLQ = "bulletin.dlq.v1";

    final MockProducer<String, byte[]> producer;
    final RawPublisher publisher;
    final IngestLedger ledger;
    final Ingestor ingestor;
    final IngestConfig config;

    TestRig(Path dataDir, Map<String, Object> overrides) {
        this(dataDir, overrides, true);
    }

    TestRig(Path dataDir, Map<String, Object> overrides, boolean autoComplete) {
        Map<String, Object> props = new HashMap<>();
        props.put(IngestConfig.DATA_DIR, dataDir.toString());
        props.put(IngestConfig.RATE_PER_HOST, "1000");
        props.put(IngestConfig.RETRY_BACKOFF_MS, "5");
        props.put(IngestConfig.READ_TIMEOUT_MS, "2000");
        props.put(IngestConfig.CONNECT_TIMEOUT_MS, "2000");
        props.putAll(overrides);
        config = new IngestConfig(props);
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        publisher = new RawPublisher(producer, new AvroBinary(), RAW, DLQ);
        ledger = IngestLedger.open(dataDir.resolve("ingest"));
        ingestor = new Ingestor(config, publisher, ledger, Clock.systemUTC());
    }

    List<ProducerRecord<String, byte[]>> sent(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).collect(Collectors.toList());
    }

    List<RawRelease> raw() {
        AvroBinary serde = new AvroBinary();
        return sent(RAW).stream().map(r -> serde.deserialize(RAW, r.value())).collect(Collectors.toList());
    }

    List<String> rawKeys() {
        return sent(RAW).stream().map(ProducerRecord::key).collect(Collectors.toList());
    }

    List<ProducerRecord<String, byte[]>> dlq() {
        return sent(DLQ);
    }

    static String header(ProducerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String body(RawRelease r) {
        byte[] b = new byte[r.getBody().remaining()];
        r.getBody().duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ingestor.close();
    }
}
