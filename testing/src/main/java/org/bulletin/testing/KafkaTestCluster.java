package org.bulletin.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.BrokerState;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft Kafka cluster in-process, on ephemeral loopback ports, for integration tests: one combined
 * broker+controller node ({@link #start()}), or several brokers beside one controller ({@link #start(int)}) whose
 * brokers can be stopped and started again one at a time. Wraps Kafka's own {@link KafkaClusterTestKit} (an internal
 * API with no compatibility promise, hence pinned to Kafka 4.3.1 and kept behind this one class). Not thread-safe:
 * one test thread drives it.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private final KafkaClusterTestKit kit;

    private KafkaTestCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Formats and starts a combined broker+controller node and waits until the broker is ready. */
    public static KafkaTestCluster start() {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build());
            common(builder)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1");
            return started(builder);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka test cluster", e);
        }
    }

    /**
     * Formats and starts {@code brokers} broker nodes beside one separate controller node (3 combined nodes hang on
     * close in Kafka 4.2-4.3), and waits until every broker is ready. Configured as a production cluster is: with 3
     * brokers or more, replication factor 3 and min.insync.replicas 2 for the internal topics (consumer offsets,
     * transaction state) and as the defaults of new topics (so Kafka Streams' internal topics, created with the
     * brokers' default, are replicated too); with 2 brokers factor 2 and min ISR 1; with 1, factor 1.
     *
     * <p>Brokers stop with a controlled shutdown (leadership handed over first), as in a rolling restart, unless
     * {@code abruptStops}: then a stopped broker just goes away, and the controller moves its leaderships only after
     * its heartbeats stop (broker.session.timeout.ms, 9 s by default), as after a crash or {@code kill -9}.
     */
    public static KafkaTestCluster start(int brokers, boolean abruptStops) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one broker, asked for " + brokers);
        }
        int replication = Math.min(3, brokers);
        String minIsr = replication >= 3 ? "2" : "1";
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build());
            common(builder)
                    .setConfigProp("offsets.topic.replication.factor", Integer.toString(replication))
                    .setConfigProp("transaction.state.log.replication.factor", Integer.toString(replication))
                    .setConfigProp("transaction.state.log.min.isr", minIsr)
                    .setConfigProp("default.replication.factor", Integer.toString(replication))
                    .setConfigProp("min.insync.replicas", minIsr)
                    .setConfigProp("controlled.shutdown.enable", Boolean.toString(!abruptStops));
            return started(builder);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not start the in-process Kafka test cluster of " + brokers + " brokers", e);
        }
    }

    /** {@link #start(int, boolean)} with controlled shutdowns. */
    public static KafkaTestCluster start(int brokers) {
        return start(brokers, false);
    }

    private static KafkaClusterTestKit.Builder common(KafkaClusterTestKit.Builder builder) {
        // Only together with the production metadata version, or the controller dies (recipe).
        return builder.setConfigProp("unstable.api.versions.enable", "false")
                .setConfigProp("unstable.feature.versions.enable", "false")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.num.partitions", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
    }

    private static KafkaTestCluster started(KafkaClusterTestKit.Builder builder) throws Exception {
        KafkaClusterTestKit kit = builder.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaTestCluster(kit);
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
    }

    /** Every broker's address, comma-separated (a client finds the cluster through any running one). */
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The broker ids, ascending. */
    public NavigableSet<Integer> brokerIds() {
        return new TreeSet<>(kit.brokers().keySet());
    }

    /** Whether broker {@code id} is up and serving (not stopped, not starting). */
    public boolean isRunning(int id) {
        return broker(id).brokerState() == BrokerState.RUNNING;
    }

    /**
     * Stops broker {@code id} and waits until it is down; its log directories stay, so {@link #startBroker(int)}
     * brings it back with its data. Controlled or abrupt as the cluster was started ({@link #start(int, boolean)}).
     */
    public void stopBroker(int id) {
        BrokerServer broker = broker(id);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /**
     * Starts the stopped broker {@code id} again, on its former port, and waits until the controller has let it in
     * (unfenced); it then catches up on its replicas in the background ({@link #awaitFullyReplicated}).
     */
    public void startBroker(int id) {
        BrokerServer broker = broker(id);
        broker.startup();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (broker.brokerState() != BrokerState.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "broker " + id + " did not come back within 60 s; state " + broker.brokerState());
            }
            sleep(50);
        }
    }

    /** The id of the broker leading {@code topic}'s {@code partition}, or -1 while it has no leader. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            Node leader = d.partitions().get(partition).leader();
            return leader == null ? -1 : leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not describe topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync (after a broker came back), or throws
     * naming the partitions still behind.
     */
    public void awaitFullyReplicated(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> behind = List.of();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                behind = underReplicated(admin);
                if (behind.isEmpty()) {
                    return;
                }
                sleep(200);
            }
        }
        throw new IllegalStateException("partitions still under-replicated after " + within + ": " + behind);
    }

    private static List<String> underReplicated(Admin admin) {
        try {
            Collection<String> names = admin.listTopics(
                            new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names()
                    .get(30, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            for (TopicDescription d : admin.describeTopics(names)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.isr().size() < p.replicas().size()) {
                        out.add(d.name() + "-" + p.partition() + " isr " + ids(p.isr()) + " of " + ids(p.replicas()));
                    }
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // Metadata in flux right after a restart: report it as still behind and look again.
            return List.of("(describe failed: " + e.getMessage() + ")");
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = kit.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + " in this cluster; brokers are " + brokerIds());
        }
        return broker;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the test cluster", e);
        }
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates the topics unless they exist, with the brokers' default replication factor (1 on one node, 3 from three
     * brokers) and min.insync.replicas.
     */
    public void createTopics(int partitions, String... names) {
        createTopics(partitions, List.of(names));
    }

    public void createTopics(int partitions, Collection<String> names) {
        try (Admin admin = admin()) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + names, e);
        }
        awaitKnown(names, Duration.ofSeconds(30));
    }

    /**
     * Waits until every running broker knows the topics. Creating a topic returns once the controller has it; each
     * broker learns of it a moment later, and a request about it sent to one that has not yet fails with
     * UnknownTopicOrPartition.
     */
    public void awaitKnown(Collection<String> topics, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (BrokerServer broker : kit.brokers().values()) {
            while (broker.brokerState() == BrokerState.RUNNING
                    && !topics.stream().allMatch(t -> broker.metadataCache().contains(t))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "broker " + broker.config().nodeId() + " did not learn of " + topics + " within " + within);
                }
                sleep(20);
            }
        }
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-process Kafka test cluster", e);
        }
    }
}
