package org.bulletin.enrich;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bulletin.schemas.Release;

/**
 * Marks exact duplicates: records arrive keyed by the fingerprint of their normalised text, so every copy of the same
 * text meets the first one in this partition's changelogged store, whatever raw partition it came from.
 */
final class DedupProcessor implements FixedKeyProcessor<String, Release, Release> {

    private final long windowMs;
    private FixedKeyProcessorContext<String, Release> context;
    private KeyValueStore<String, String> firstSeen;

    DedupProcessor(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Release> context) {
        this.context = context;
        this.firstSeen = context.getStateStore(EnrichTopology.DEDUP_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Release> record) {
        Release release = record.value();
        String fingerprint = record.key();
        if (fingerprint == null) {
            context.forward(record);
            return;
        }
        String seen = firstSeen.get(fingerprint);
        FirstSeen first = seen == null ? null : FirstSeen.parse(seen);
        long now = record.timestamp();
        if (first == null || now - first.timestamp() > windowMs) {
            firstSeen.put(fingerprint, new FirstSeen(release.getReleaseId(), now).format());
        } else if (!first.releaseId().equals(release.getReleaseId())) {
            // The same release id seen again is a re-scrape or a replay of the same release, not a duplicate of it.
            release.setDuplicateOf(first.releaseId());
        }
        context.forward(record.withValue(release));
    }

    /** The first release seen with a fingerprint, and when; stored as "timestamp|releaseId". */
    record FirstSeen(String releaseId, long timestamp) {
        static FirstSeen parse(String stored) {
            int bar = stored.indexOf('|');
            return new FirstSeen(stored.substring(bar + 1), Long.parseLong(stored.substring(0, bar)));
        }

        String format() {
            return timestamp + "|" + releaseId;
        }
    }
}
