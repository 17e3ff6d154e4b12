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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.schemas.Topics;

/**
 * Creates every topic Bulletin owns with its intended configuration, when missing, and says how existing topics
 * differ from it. The raw topic is the log of record: unlimited retention, so history can always be replayed. Every
 * topic is an event log (cleanup policy delete): none holds "latest value per key" state that compaction would fit.
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

    /** min.insync.replicas that makes acks=all mean something: 2 from replication factor 3 up, else 1. */
    static String expectedMinIsr(int replicationFactor) {
        return replicationFactor >= 3 ? "2" : "1";
    }

    /** Creates the missing topics; returns the names it created. The admin client gets {@code kafkaOverrides}. */
    static List<String> ensure(String bootstrapServers, Map<String, ?> kafkaOverrides, Topics topics, int partitions) {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, kafkaOverrides))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            int brokers =
                    admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            List<NewTopic> missing = new ArrayList<>();
            expected(topics).forEach((name, configs) -> {
                if (!existing.contains(name)) {
                    Map<String, String> withIsr = new HashMap<>(configs);
                    // Replication factor is the broker default (-1), at most the broker count.
                    withIsr.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, expectedMinIsr(Math.min(3, brokers)));
                    missing.add(new NewTopic(name, partitions, (short) -1).configs(withIsr));
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

    /**
     * Compares every expected topic with the cluster: existence, partition count, the expected settings, cleanup
     * policy and min.insync.replicas (against the topic's replication factor). Reads only. The admin client gets
     * {@code kafkaOverrides}.
     */
    static List<Difference> verify(
            String bootstrapServers, Map<String, ?> kafkaOverrides, Topics topics, int partitions) {
        Map<String, Map<String, String>> expected = expected(topics);
        List<Difference> out = new ArrayList<>();
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, kafkaOverrides))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present =
                    expected.keySet().stream().filter(existing::contains).toList();
            for (String name : expected.keySet()) {
                if (!existing.contains(name)) {
                    out.add(new Difference(name, "exists", "yes", null));
                }
            }
            if (present.isEmpty()) {
                return out;
            }
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
            Collection<ConfigResource> resources = present.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String name : present) {
                TopicDescription d = descriptions.get(name);
                int actualPartitions = d.partitions().size();
                if (actualPartitions != partitions) {
                    out.add(new Difference(
                            name, "partitions", Integer.toString(partitions), Integer.toString(actualPartitions)));
                }
                int rf = d.partitions().get(0).replicas().size();
                Map<String, String> want = new LinkedHashMap<>(expected.get(name));
                want.putIfAbsent(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, expectedMinIsr(rf));
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                for (Map.Entry<String, String> w : want.entrySet()) {
                    ConfigEntry entry = config.get(w.getKey());
                    String actual = entry == null ? null : entry.value();
                    if (!w.getValue().equals(actual)) {
                        out.add(new Difference(name, w.getKey(), w.getValue(), actual));
                    }
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
