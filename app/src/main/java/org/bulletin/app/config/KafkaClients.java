package org.bulletin.app.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one way the app configures a Kafka client of its own (producer, admin) the way the stages configure theirs: the
 * {@code KAFKA_*} / {@code kafka.*} overrides ({@link Settings#kafka()}) first, then the bootstrap servers. Callers
 * add what the client itself needs on top.
 */
public final class KafkaClients {

    private KafkaClients() {}

    /** A fresh, modifiable map: {@code kafkaOverrides}, then {@code bootstrap.servers}. */
    public static Map<String, Object> config(String bootstrap, Map<String, ?> kafkaOverrides) {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }
}
