package org.bulletin.enrich;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bulletin.schemas.Release;

/**
 * Marks duplicates. Exact: records arrive keyed by the fingerprint of their normalised text, so every copy of the
 * same text meets the first one in this partition's changelogged store, whatever raw partition it came from. Near:
 * the MinHash signature is looked up in the global index of every original's LSH bands (see {@link NearDuplicates});
 * an original's signature goes out with it, to be indexed. Two near duplicates arriving within one commit interval of
 * each other on different tasks may both pass as originals: the index is eventually consistent, the exact check is not.
 */
final class DedupProcessor implements FixedKeyProcessor<String, Release, Deduped> {

    private final long windowMs;
    private FixedKeyProcessorContext<String, Deduped> context;
    private KeyValueStore<String, String> firstSeen;
    private ReadOnlyKeyValueStore<String, String> nearIndex;

    DedupProcessor(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Deduped> context) {
        this.context = context;
        this.firstSeen = context.getStateStore(EnrichTopology.DEDUP_STORE);
        this.nearIndex = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Release> record) {
        Release release = record.value();
        String fingerprint = record.key();
        long now = record.timestamp();
        if (fingerprint != null) {
            String seen = firstSeen.get(fingerprint);
            FirstSeen first = seen == null ? null : FirstSeen.parse(seen);
            if (first == null || now - first.timestamp() > windowMs) {
                firstSeen.put(fingerprint, new FirstSeen(release.getReleaseId(), now).format());
            } else if (!first.releaseId().equals(release.getReleaseId())) {
                // The same release id seen again is a re-scrape or a replay of the same release, not a duplicate of it.
                release.setDuplicateOf(first.releaseId());
                context.forward(record.withValue(new Deduped(release, null)));
                return;
            }
        }
        NearDuplicates.Signature signature = NearDuplicates.signatureOf(release.getBodyText(), now);
        String original = NearDuplicates.findOriginal(nearIndex, release.getReleaseId(), signature, windowMs);
        if (original != null) {
            release.setDuplicateOf(original);
            context.forward(record.withValue(new Deduped(release, null)));
        } else {
            context.forward(record.withValue(new Deduped(release, signature.encode())));
        }
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
