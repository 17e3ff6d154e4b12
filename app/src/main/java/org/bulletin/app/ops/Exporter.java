package org.bulletin.app.ops;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.publish.store.ReleasePage;
import org.bulletin.publish.store.ReleaseSummary;
import org.bulletin.schemas.Notification;

/**
 * Backfills a downstream topic from the store: one {@code Notification} (the contract of
 * {@code bulletin.notifications.v1}) per stored original release matching the filters, keyed by release id, with
 * {@code replay=true} because it is history, not news. Duplicates are left out, as the live notifications leave them.
 */
public final class Exporter {

    private static final int PAGE = 100;

    private final StoreView store;
    private final Map<String, Object> producerProps;
    private final Serializer<Notification> serializer;

    public Exporter(
            StoreView store, String bootstrap, Map<String, ?> kafkaOverrides, Serializer<Notification> serializer) {
        this.store = store;
        this.serializer = serializer;
        this.producerProps = new HashMap<>(kafkaOverrides);
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    }

    /** The producer's configuration (a copy), for checks. */
    public Map<String, Object> producerProperties() {
        return Map.copyOf(producerProps);
    }

    /**
     * Sends every matching release: in any of {@code regions} (all when empty) and any of {@code topics} (all when
     * empty), sort date (published date, else stored day) on or after {@code from} (all when null). Returns how many.
     */
    public long export(
            String toTopic,
            LocalDate from,
            List<String> regions,
            List<String> topics,
            org.bulletin.ingest.Progress progress) {
        List<String> rs = regions.isEmpty() ? java.util.Collections.singletonList(null) : regions;
        List<String> ts = topics.isEmpty() ? java.util.Collections.singletonList(null) : topics;
        Set<String> sent = new HashSet<>();
        List<Future<?>> pending = new ArrayList<>();
        try (KafkaProducer<String, Notification> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), serializer)) {
            for (String region : rs) {
                for (String topic : ts) {
                    String cursor = null;
                    do {
                        ReleasePage page = store.page(region, topic, from, cursor, PAGE);
                        for (ReleaseSummary row : page.items()) {
                            String id = row.id();
                            if (row.duplicateOf() != null || !sent.add(id)) {
                                continue;
                            }
                            pending.add(producer.send(new ProducerRecord<>(toTopic, id, notification(row))));
                            progress.step();
                        }
                        cursor = page.nextCursor();
                    } while (cursor != null);
                }
            }
            for (Future<?> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("export to " + toTopic + " failed: " + e.getMessage(), e);
        }
        progress.finish();
        return sent.size();
    }

    static Notification notification(ReleaseSummary row) {
        return Notification.newBuilder()
                .setReleaseId(row.id())
                .setTitle(row.title())
                .setRegions(ids(row.regions()))
                .setTopics(ids(row.topics()))
                .setUrl(row.url())
                .setStoredAt(row.storedAt())
                .setReplay(true)
                .setClassifierVersion(row.classifierVersion())
                .setStoryId(row.storyId())
                .build();
    }

    private static List<String> ids(List<ReleaseSummary.ScoredLabel> labels) {
        return labels == null
                ? List.of()
                : labels.stream().map(ReleaseSummary.ScoredLabel::id).toList();
    }
}
