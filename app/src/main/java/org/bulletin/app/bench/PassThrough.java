package org.bulletin.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.bulletin.enrich.EnrichService;

/**
 * The yardstick: a Kafka Streams app that copies raw bytes from one topic to another and does nothing else, with the
 * same guarantee, commit interval and producer settings as the enrich service, so their throughputs compare the cost
 * of enrich's work rather than of Kafka.
 */
public final class PassThrough implements AutoCloseable {

    private final KafkaStreams streams;

    private PassThrough(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The one-hop topology: {@code from} -> {@code to}, bytes untouched. */
    public static Topology build(String from, String to) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        from,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-source"))
                .to(to, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-sink"));
        return builder.build();
    }

    /**
     * Starts it under {@code applicationId}; mirrors the enrich service's Streams properties, the Kafka client
     * overrides ({@code KAFKA_*} / {@code kafka.*}) included, applied as enrich applies them.
     */
    public static PassThrough start(
            String bootstrap,
            Map<String, ?> kafkaOverrides,
            String from,
            String to,
            String applicationId,
            String guarantee,
            long commitIntervalMs,
            int threads,
            Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        EnrichService.producerSettings().forEach((k, v) -> {
            if (!kafkaOverrides.containsKey(k)) {
                p.put(StreamsConfig.producerPrefix(k), v);
            }
        });
        p.putAll(kafkaOverrides);
        KafkaStreams streams = new KafkaStreams(build(from, to), p);
        streams.start();
        return new PassThrough(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(20))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
