package org.bulletin.app.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka broker in this JVM, on fixed loopback ports, with its data kept under a folder
 * across restarts: the embedded default of {@code bulletin run}. Uses Kafka-internal server APIs (no compatibility
 * promise), so it is pinned to Kafka 4.3.1 and kept in this one class.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats {@code dataDir} on first use only, then starts the broker and its controller. */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "3");
        // One node that is its own controller: it need not wait out the defaults sized for a quorum over a
        // network (a 2 s heartbeat before the broker is unfenced, a 1-2 s election). Start-up drops by ~2 s.
        props.put("broker.heartbeat.interval.ms", "250");
        props.put("controller.quorum.election.timeout.ms", "500");
        props.put("controller.quorum.fetch.timeout.ms", "1000");
        return start(dataDir, 1, Uuid.randomUuid().toString(), port, controllerPort, props);
    }

    /**
     * One combined broker+controller node of a multi-node cluster on loopback (the fault suite's cluster, #19): node
     * {@code nodeId} of the static controller quorum {@code quorumVoters} ({@code id@127.0.0.1:port,...}), formatted
     * with {@code clusterId} on first use. {@code brokerConfig} adds to or replaces the listener settings (replication
     * factors, min.insync.replicas, timeouts). Every node of a quorum must be started before any of them returns:
     * a broker serves only once the controllers have elected a leader.
     */
    public static EmbeddedKafka startClusterNode(
            Path dataDir,
            int nodeId,
            String clusterId,
            int port,
            int controllerPort,
            String quorumVoters,
            Map<String, String> brokerConfig) {
        Properties props = new Properties();
        props.put("controller.quorum.voters", quorumVoters);
        props.putAll(brokerConfig);
        return start(dataDir, nodeId, clusterId, port, controllerPort, props);
    }

    private static EmbeddedKafka start(
            Path dataDir, int nodeId, String clusterId, int port, int controllerPort, Properties settings) {
        try {
            Files.createDirectories(dataDir);
            String logDir = dataDir.toAbsolutePath().toString();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(nodeId));
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir);
            props.put("auto.create.topics.enable", "false");
            props.putAll(settings);
            KafkaConfig config = new KafkaConfig(props, false);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                new Formatter()
                        .setNodeId(nodeId)
                        .setClusterId(clusterId)
                        .setDirectories(List.of(logDir))
                        .setMetadataLogDirectory(logDir)
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .run();
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, "127.0.0.1:" + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use Kafka data dir " + dataDir + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the embedded Kafka broker on 127.0.0.1:" + port + " (controller " + controllerPort
                            + "): " + e.getMessage(),
                    e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
