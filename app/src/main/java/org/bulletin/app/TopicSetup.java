package org.bulletin.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.schemas.Topics;

/**
 * Creates every topic Bulletin owns with its intended configuration, when missing, and says how existing topics
 * differ from it. The raw topic is the log of record: unlimited retention, so history can always be replayed. Every
 * topic is an event log (cleanup policy delete) but the two compacted ones (signatures, stories). Every topic gets
 * the asked replication factor and min.insync.replicas ({@link Replication}): with acks=all on every producer, an
 * acknowledged record then survives the loss of {@code min.insync.replicas - 1} brokers (#19).
 */
final class TopicSetup {

    private TopicSetup() {}

    /** One way an existing topic is not as expected (or is missing: then {@code actual} is null). */
    record Difference(String topic, String setting, String expected, String actual) {}

    /** The expected configuration of each topic, by name. */
    static Map<String, Map<String, String>> expected(Topics topics) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String delete = TopicConfig.CLEANUP_POLICY_DELETE;
        // Bodies up to 5 MiB (ingest's default limit) plus framing must fit one record.
        String maxMessage = Integer.toString(6 * 1024 * 1024);
        out.put(
                topics.raw(),
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG,
                        "-1",
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        maxMessage,
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        delete));
        out.put(
                topics.enriched(),
                Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.CLEANUP_POLICY_CONFIG, delete));
        for (String region : Topics.REGIONS) {
            out.put(topics.byRegion(region), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete));
        }
        for (String topic : Topics.TOPICS) {
            out.put(topics.byTopic(topic), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete));
        }
        out.put(topics.notifications(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete));
        // Dead letters keep the original bytes whole: up to the raw topic's limit, with room for headers.
        out.put(
                topics.dlq(),
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(TimeUnit.DAYS.toMillis(90)),
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        delete,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(8 * 1024 * 1024)));
        // A replay's working copy: enrich reads it within minutes; a week leaves room for a stopped enrich. Append
        // time, so retention counts from the copy and not from the (old) raw timestamps it carries in a header.
        out.put(
                topics.replay(),
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(TimeUnit.DAYS.toMillis(7)),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        maxMessage,
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        delete,
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        "LogAppendTime"));
        // One signature per original release, keyed by release id: compaction keeps the latest of each.
        out.put(topics.signatures(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        out.put(topics.stories(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        return out;
    }

    /**
     * The replication asked of every topic: how many copies of each partition, and how many of them must hold a
     * record before an acks=all write is acknowledged.
     */
    record Replication(int factor, int minInsyncReplicas) {

        Replication {
            if (factor < 1) {
                throw new IllegalArgumentException("--replication-factor must be at least 1, got " + factor);
            }
            if (minInsyncReplicas < 1) {
                throw new IllegalArgumentException(
                        "--min-insync-replicas must be at least 1, got " + minInsyncReplicas);
            }
            if (minInsyncReplicas > factor) {
                throw new IllegalArgumentException("--min-insync-replicas " + minInsyncReplicas
                        + " is above --replication-factor " + factor
                        + ": no acks=all write could ever succeed; ask for at most " + factor);
            }
        }

        /**
         * The defaults on a cluster of {@code brokers}: factor 3 and min ISR 2 from three brokers up (an acknowledged
         * record is on two brokers at least, and writes go on while one broker is down); with two brokers factor 2
         * and min ISR 1 (writes go on while one is down; while both are up acks=all still waits for both, but with
         * one down a record is acknowledged on one copy); on one broker 1 and 1.
         */
        static Replication defaultFor(int brokers) {
            return brokers >= 3 ? new Replication(3, 2) : new Replication(Math.max(1, Math.min(brokers, 2)), 1);
        }

        /**
         * What the flags ask, each null for its default: the factor from the broker count, the min ISR from the
         * factor (2 from factor 3 up, else 1).
         *
         * @throws IllegalArgumentException when the factor exceeds the cluster's brokers, or the values are invalid
         */
        static Replication of(Integer factor, Integer minInsyncReplicas, int brokers, String bootstrap) {
            int f = factor == null ? defaultFor(brokers).factor() : factor;
            int m = minInsyncReplicas == null ? (f >= 3 ? 2 : 1) : minInsyncReplicas;
            if (f > brokers) {
                throw new IllegalArgumentException("replication factor " + f + " needs at least " + f
                        + " brokers, but the cluster at " + bootstrap + " has " + brokers
                        + "; nothing was created. Ask for --replication-factor " + brokers
                        + " or less, or add brokers");
            }
            return new Replication(f, m);
        }
    }

    /** The brokers registered with the cluster, running or not (a stopped broker still holds its replicas). */
    static int brokers(String bootstrapServers, Map<String, ?> kafkaOverrides) {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, kafkaOverrides))) {
            return brokers(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot describe the cluster at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static int brokers(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                    .nodes()
                    .get(30, TimeUnit.SECONDS)
                    .size();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnsupportedVersionException)) {
                throw e;
            }
            // Brokers before Kafka 4.0 cannot list fenced brokers: count the running ones.
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        }
    }

    /**
     * Creates the missing topics with the default replication for the cluster's broker count; returns the names it
     * created. The admin client gets {@code kafkaOverrides}.
     */
    static List<String> ensure(String bootstrapServers, Map<String, ?> kafkaOverrides, Topics topics, int partitions) {
        return ensure(bootstrapServers, kafkaOverrides, topics, partitions, null);
    }

    /**
     * Creates the missing topics with {@code replication} (null: the default for the cluster's broker count);
     * returns the names it created. Creates nothing when the factor exceeds the brokers. The admin client gets
     * {@code kafkaOverrides}.
     */
    static List<String> ensure(
            String bootstrapServers,
            Map<String, ?> kafkaOverrides,
            Topics topics,
            int partitions,
            Replication replication) {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, kafkaOverrides))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            int brokers = brokers(admin);
            Replication r = replication == null ? Replication.defaultFor(brokers) : replication;
            // Checked here too, not only by the command: Kafka would create the topics that fit and fail the rest.
            Replication.of(r.factor(), r.minInsyncReplicas(), brokers, bootstrapServers);
            List<NewTopic> missing = new ArrayList<>();
            expected(topics).forEach((name, configs) -> {
                if (!existing.contains(name)) {
                    Map<String, String> withIsr = new HashMap<>(configs);
                    withIsr.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(r.minInsyncReplicas()));
                    missing.add(new NewTopic(name, partitions, (short) r.factor()).configs(withIsr));
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** Kafka's own topics whose replication Bulletin relies on: group offsets (publish's relay), transactions. */
    static final List<String> KAFKA_INTERNAL = List.of("__consumer_offsets", "__transaction_state");

    /**
     * Whether {@code topic} is one of the internal topics Kafka Streams creates for the enrich application
     * {@code applicationId}: its changelogs and repartition topics.
     */
    static boolean isStreamsInternal(String topic, String applicationId) {
        return topic.startsWith(applicationId + "-")
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    /**
     * Compares every expected topic with the cluster: existence, partition count, the expected settings and cleanup
     * policy, and replication: a factor or min.insync.replicas lower than {@code replication}, or a min ISR above the
     * topic's own factor (acks=all writes would all fail). The replication of enrich's internal topics (those of
     * {@code enrichApplicationId}) and of Kafka's offsets and transaction topics is checked too, where they exist.
     * Reads only. The admin client gets {@code kafkaOverrides}.
     */
    static List<Difference> verify(
            String bootstrapServers,
            Map<String, ?> kafkaOverrides,
            Topics topics,
            int partitions,
            Replication replication,
            String enrichApplicationId) {
        Map<String, Map<String, String>> expected = expected(topics);
        List<Difference> out = new ArrayList<>();
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, kafkaOverrides))) {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(30, TimeUnit.SECONDS);
            List<String> present =
                    expected.keySet().stream().filter(existing::contains).toList();
            for (String name : expected.keySet()) {
                if (!existing.contains(name)) {
                    out.add(new Difference(name, "exists", "yes", null));
                }
            }
            List<String> internal = existing.stream()
                    .filter(n -> KAFKA_INTERNAL.contains(n) || isStreamsInternal(n, enrichApplicationId))
                    .sorted()
                    .toList();
            List<String> described = new ArrayList<>(present);
            described.addAll(internal);
            if (described.isEmpty()) {
                return out;
            }
            Map<String, TopicDescription> descriptions = whenKnown(
                    () -> admin.describeTopics(described).allTopicNames().get(30, TimeUnit.SECONDS));
            Collection<ConfigResource> resources = described.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            Map<ConfigResource, Config> configs =
                    whenKnown(() -> admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS));
            for (String name : described) {
                TopicDescription d = descriptions.get(name);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                if (expected.containsKey(name)) {
                    int actualPartitions = d.partitions().size();
                    if (actualPartitions != partitions) {
                        out.add(new Difference(
                                name, "partitions", Integer.toString(partitions), Integer.toString(actualPartitions)));
                    }
                    for (Map.Entry<String, String> w : expected.get(name).entrySet()) {
                        ConfigEntry entry = config.get(w.getKey());
                        String actual = entry == null ? null : entry.value();
                        if (!w.getValue().equals(actual)) {
                            out.add(new Difference(name, w.getKey(), w.getValue(), actual));
                        }
                    }
                }
                out.addAll(replicationDifferences(name, d, config, replication));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    interface AdminCall<T> {
        T call() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * {@code call}, again for up to 10 s while a broker answers that it does not know a topic: a topic just created
     * (by this command, or by another process a moment ago) reaches each broker's metadata a little after the
     * controller acknowledged it, and the admin client asks any broker.
     */
    static <T> T whenKnown(AdminCall<T> call) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** How one topic's replication falls short of {@code asked}; its least-replicated partition counts. */
    static List<Difference> replicationDifferences(String name, TopicDescription d, Config config, Replication asked) {
        List<Difference> out = new ArrayList<>();
        int factor =
                d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (factor < asked.factor()) {
            out.add(new Difference(name, REPLICATION_FACTOR, "at least " + asked.factor(), Integer.toString(factor)));
        }
        ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        String actual = entry == null ? null : entry.value();
        int minIsr = parseOr(actual, -1);
        if (minIsr < asked.minInsyncReplicas()) {
            out.add(new Difference(
                    name, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "at least " + asked.minInsyncReplicas(), actual));
        } else if (minIsr > factor) {
            out.add(new Difference(
                    name, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "at most " + factor + " (its factor)", actual));
        }
        return out;
    }

    /** The setting name a replication-factor difference carries (not a topic config: a property of the partitions). */
    static final String REPLICATION_FACTOR = "replication.factor";

    private static int parseOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
