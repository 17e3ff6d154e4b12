package org.bulletin.app.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The fault suite's Kafka cluster (#19): {@code size} combined broker+controller nodes, each its own JVM
 * ({@link ClusterNode}) on fixed loopback ports with a static controller quorum of all nodes, so one node down (killed,
 * stopped or restarting) leaves a quorum and two in-sync replicas. Kafka's own timeouts stay at their defaults
 * (broker session 9 s, heartbeat 2 s, election 1 s), so the recovery times measured against it are what a production
 * cluster with default settings would show. Also answers the suite's questions about the cluster through one admin
 * client: who leads a partition, which node is the active controller, whether every replica is in sync.
 */
final class FaultCluster implements AutoCloseable {

    /** One node: its id, ports and process. */
    record NodeProcess(int id, int port, int controllerPort, StageProcess process) {}

    private final List<NodeProcess> nodes;
    private final String bootstrap;
    private Admin admin;

    private FaultCluster(List<NodeProcess> nodes) {
        this.nodes = List.copyOf(nodes);
        this.bootstrap = nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /**
     * The broker settings of a cluster of {@code size}: replication factor 3 and min.insync.replicas 2 for everything
     * the brokers create themselves (the group and transaction logs, and topics created without a factor) when there
     * are three nodes, 1 and 1 on one node.
     */
    static Map<String, String> brokerSettings(int size) {
        String rf = Integer.toString(Math.min(3, size));
        String minIsr = size >= 3 ? "2" : "1";
        Map<String, String> s = new LinkedHashMap<>();
        s.put("default.replication.factor", rf);
        s.put("min.insync.replicas", minIsr);
        s.put("offsets.topic.replication.factor", rf);
        s.put("offsets.topic.num.partitions", "6");
        s.put("transaction.state.log.replication.factor", rf);
        s.put("transaction.state.log.min.isr", minIsr);
        s.put("transaction.state.log.num.partitions", "6");
        s.put("num.partitions", "3");
        // A replica that lost data on a kill -9 must never become leader: acknowledged records would vanish.
        s.put("unclean.leader.election.enable", "false");
        return s;
    }

    /** Defines the nodes (data under {@code dir}/kafka-N, logs in {@code dir}/broker-N.log); starts nothing. */
    static FaultCluster define(int size, Path dir, String javaBin, String classpath) throws java.io.IOException {
        List<int[]> ports = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ports.add(new int[] {FaultEnvironment.freePort(), FaultEnvironment.freePort()});
        }
        String voters = "";
        for (int i = 1; i <= size; i++) {
            voters += (i > 1 ? "," : "") + i + "@127.0.0.1:" + ports.get(i - 1)[1];
        }
        String clusterId = Uuid.randomUuid().toString();
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            List<String> cmd = new ArrayList<>(List.of(
                    javaBin,
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    classpath,
                    ClusterNode.class.getName(),
                    Integer.toString(i),
                    Integer.toString(ports.get(i - 1)[0]),
                    Integer.toString(ports.get(i - 1)[1]),
                    dir.resolve("kafka-" + i).toString(),
                    clusterId,
                    voters));
            brokerSettings(size).forEach((k, v) -> cmd.add(k + "=" + v));
            nodes.add(new NodeProcess(
                    i,
                    ports.get(i - 1)[0],
                    ports.get(i - 1)[1],
                    new StageProcess("broker-" + i, cmd, Map.of(), dir.resolve("broker-" + i + ".log"))));
        }
        return new FaultCluster(nodes);
    }

    /**
     * Starts every node at once (each waits for the quorum, so one at a time would never finish), waits until each
     * serves and the cluster reports all brokers.
     */
    void startAll(Duration within) throws Exception {
        Map<Integer, Long> before = new TreeMap<>();
        for (NodeProcess n : nodes) {
            before.put(n.id(), logSize(n));
            n.process().start();
        }
        for (NodeProcess n : nodes) {
            awaitReady(n, before.get(n.id()), within);
        }
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                15_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000));
        long deadline = System.nanoTime() + within.toNanos();
        while (brokersUp() < nodes.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster reports " + brokersUp() + " of " + nodes.size()
                        + " brokers after " + within + "; see broker-N.log in "
                        + nodes.get(0).process().log().getParent());
            }
            Thread.sleep(500);
        }
    }

    /** Starts node {@code id} again and waits until it serves (not until its replicas are in sync: see awaitInSync). */
    void start(int id, Duration within) throws Exception {
        NodeProcess n = node(id);
        long before = logSize(n);
        n.process().start();
        awaitReady(n, before, within);
    }

    /** SIGTERM: a controlled shutdown (leadership handed over first), waited for. */
    void stop(int id) throws InterruptedException {
        node(id).process().stop();
    }

    /** SIGKILL: no controlled shutdown, no flush; the controller notices when the broker's session expires. */
    void kill9(int id) throws InterruptedException {
        node(id).process().kill9();
    }

    boolean isAlive(int id) {
        return node(id).process().isAlive();
    }

    List<Integer> ids() {
        return nodes.stream().map(NodeProcess::id).toList();
    }

    int size() {
        return nodes.size();
    }

    String bootstrap() {
        return bootstrap;
    }

    Admin admin() {
        return admin;
    }

    StageProcess process(int id) {
        return node(id).process();
    }

    /** The id of the broker that leads {@code topic}-{@code partition} now, or -1 when none does. */
    int leaderOf(String topic, int partition) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(60, TimeUnit.SECONDS)
                .get(topic);
        Node leader = d.partitions().get(partition).leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    /** The node that leads the controller quorum now. */
    int activeController() throws Exception {
        return admin.describeMetadataQuorum()
                .quorumInfo()
                .get(60, TimeUnit.SECONDS)
                .leaderId();
    }

    /** Brokers the cluster reports as serving (fenced or stopped ones are left out). */
    int brokersUp() {
        try {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Partitions, internal topics included, whose in-sync replicas are fewer than their replicas, by topic; empty
     * when every replica has caught up.
     */
    Map<String, Integer> underReplicated() throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        for (TopicDescription d : describeAll().values()) {
            int n = 0;
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.isr().size() < p.replicas().size()) {
                    n++;
                }
            }
            if (n > 0) {
                out.put(d.name(), n);
            }
        }
        return out;
    }

    /**
     * Waits until every replica of every partition is in sync again (after a node came back); returns how long that
     * took in ms, or -1 when it did not happen {@code within}.
     */
    long awaitInSync(Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (underReplicated().isEmpty()) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the admin client is still finding its way back to the restarted node; ask again
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** Waits until {@code topic}-{@code partition} has a leader other than {@code old}; ms, or -1 after within. */
    long awaitNewLeader(String topic, int partition, int old, long sinceNanos, Duration within) throws Exception {
        long deadline = sinceNanos + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int leader = leaderOf(topic, partition);
                if (leader != -1 && leader != old) {
                    return (System.nanoTime() - sinceNanos) / 1_000_000;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // metadata from the dead node timed out: ask again
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /**
     * Topics (internal ones included) whose replication factor is below {@code rf} or whose effective
     * min.insync.replicas is below {@code minIsr}, each with what it has; empty when all are as expected.
     */
    List<String> replicationBelow(int rf, int minIsr) throws Exception {
        Map<String, TopicDescription> all = describeAll();
        List<ConfigResource> resources = all.keySet().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(60, TimeUnit.SECONDS);
        List<String> out = new ArrayList<>();
        for (TopicDescription d : all.values()) {
            int actualRf = d.partitions().get(0).replicas().size();
            String isr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                    .value();
            if (actualRf < rf || Integer.parseInt(isr) < minIsr) {
                out.add(d.name() + " (replication factor " + actualRf + ", min.insync.replicas " + isr + ")");
            }
        }
        return out;
    }

    /** Every topic name, internal ones included. */
    Collection<String> topicNames() throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names()
                .get(60, TimeUnit.SECONDS);
    }

    private Map<String, TopicDescription> describeAll() throws Exception {
        return new TreeMap<>(admin.describeTopics(topicNames()).allTopicNames().get(60, TimeUnit.SECONDS));
    }

    private NodeProcess node(int id) {
        return nodes.stream()
                .filter(n -> n.id() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id + " in " + ids()));
    }

    private static long logSize(NodeProcess n) throws java.io.IOException {
        Path log = n.process().log();
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private static void awaitReady(NodeProcess n, long before, Duration within) throws Exception {
        StageProcess p = n.process();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p.name() + " exited while starting; see " + p.log());
            }
            if (Files.exists(p.log()) && Files.size(p.log()) > before) {
                String tail =
                        Files.readString(p.log(), StandardCharsets.ISO_8859_1).substring((int) before);
                if (tail.contains("BROKER READY")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(p.name() + " not ready in " + within + "; see " + p.log());
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        for (NodeProcess n : nodes) {
            n.process().close();
        }
    }
}
