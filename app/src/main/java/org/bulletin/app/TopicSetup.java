package org.bulletin.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.bulletin.schemas.Topics;

/**
 * Creates every topic Bulletin owns with its intended configuration, when missing. The raw topic is the log of
 * record: unlimited retention, so history can always be replayed.
 */
final class TopicSetup {

    private TopicSetup() {
    }

    /** The expected configuration of each topic, by name. */
    static Map<String, Map<String, String>> expected(Topics topics) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        // Bodies up to 5 MiB (ingest's default limit) plus framing must fit one record.
        out.put(topics.raw(), Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(6 * 1024 * 1024)));
        out.put(topics.enriched(), Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        for (String region : Topics.REGIONS) {
            out.put(topics.byRegion(region), Map.of());
        }
        for (String topic : Topics.TOPICS) {
            out.put(topics.byTopic(topic), Map.of());
        }
        out.put(topics.notifications(), Map.of());
        out.put(topics.dlq(), Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(90))));
        return out;
    }

    /** Creates the missing topics; returns the names it created. */
    static List<String> ensure(String bootstrapServers, Topics topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            expected(topics).forEach((name, configs) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) -1).configs(configs));
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
}
