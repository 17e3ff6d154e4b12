package org.bulletin.enrich;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.bulletin.schemas.DeadLetterHeaders;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a raw record and runs the pure {@link Enricher} on it, forwarding one record per release found (keyed by
 * release id) or one dead letter carrying the original bytes and the reason. Records from the replay topic are raw
 * records copied by {@code bulletin replay}: their releases are marked {@code replay=true} and keep the raw log's
 * partition, offset and timestamp (from the {@code bulletin.replay.origin.*} headers), so source refs and the dedup
 * window see the original record, not the copy.
 */
final class ParseProcessor implements Processor<String, byte[], String, ParseOutcome> {

    /** Longest body text enrich emits: its Avro record must stay under the topics' 1 MiB limit (3 bytes a char). */
    static final int MAX_RELEASE_CHARS = 250_000;

    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    static final String REPLAY_HEADER = EnrichTopology.REPLAY_HEADER;
    static final String REPLAY_ORIGIN_PARTITION = EnrichTopology.REPLAY_ORIGIN_PARTITION;
    static final String REPLAY_ORIGIN_OFFSET = EnrichTopology.REPLAY_ORIGIN_OFFSET;
    static final String REPLAY_ORIGIN_TIMESTAMP = EnrichTopology.REPLAY_ORIGIN_TIMESTAMP;

    private final Enricher enricher;
    private final Deserializer<RawRelease> rawDeserializer;
    private final String replayTopic;
    private ProcessorContext<String, ParseOutcome> context;

    ParseProcessor(Enricher enricher, Deserializer<RawRelease> rawDeserializer, String replayTopic) {
        this.enricher = enricher;
        this.rawDeserializer = rawDeserializer;
        this.replayTopic = replayTopic;
    }

    @Override
    public void init(ProcessorContext<String, ParseOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        if (record.value() == null) {
            return; // a tombstone on the raw log deletes nothing downstream
        }
        RawRelease raw;
        try {
            raw = rawDeserializer.deserialize(meta.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, meta, "not a RawRelease: " + e.getMessage(), e);
            return;
        }
        String undecodable = undecodable(raw);
        if (undecodable != null) {
            deadLetter(record, meta, undecodable, null);
            return;
        }
        boolean replay = meta.topic().equals(replayTopic);
        int partition = replay ? (int) headerLong(record, REPLAY_ORIGIN_PARTITION, -1) : meta.partition();
        long offset = replay ? headerLong(record, REPLAY_ORIGIN_OFFSET, -1) : meta.offset();
        List<Release> found;
        try {
            found = enricher.enrich(new RawDocument(
                    record.key() == null ? "sha256:" + raw.getContentHash() : record.key(),
                    raw.getSourceId(),
                    raw.getSourceUrl(),
                    raw.getFetchedAt(),
                    raw.getContentType(),
                    raw.getCharset(),
                    raw.getBody().array(),
                    partition,
                    offset));
        } catch (RuntimeException e) {
            // A parser bug on one input must not stop the pipeline: the record is kept in the DLQ for a re-drive.
            LOG.warn("enrich failed on {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), e.toString());
            deadLetter(record, meta, "enrich failed: " + e, e);
            return;
        }
        if (found.isEmpty()) {
            deadLetter(record, meta, "no release found in the document", null);
            return;
        }
        for (Release release : found) {
            if (release.getBodyText().length() > MAX_RELEASE_CHARS) {
                // A record over the topics' 1 MiB limit would fail the whole stream thread on every retry; no press
                // release is this long, so the document goes to the DLQ (the raw log still holds it).
                deadLetter(
                        record,
                        meta,
                        "release text of " + release.getBodyText().length() + " characters is over the limit of "
                                + MAX_RELEASE_CHARS + ": not a press release",
                        null);
                return;
            }
        }
        // The copy's timestamp is when it was appended to the replay topic; the dedup window must measure from the
        // raw record's, or an old duplicate replayed today would count as a first sighting.
        long timestamp = replay ? headerLong(record, REPLAY_ORIGIN_TIMESTAMP, record.timestamp()) : record.timestamp();
        for (Release release : found) {
            release.setReplay(replay);
            context.forward(record.withKey(release.getReleaseId())
                    .withValue(ParseOutcome.ok(release))
                    .withTimestamp(timestamp));
        }
    }

    /**
     * Why the body cannot be text in its declared charset, or null. Ingest already detected the charset of what it
     * fetched, so a body that says UTF-8 and is not is corrupt, not mislabelled: decoding it leniently would store junk.
     */
    static String undecodable(RawRelease raw) {
        String charset = raw.getCharset();
        if (charset == null || !(charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8"))) {
            return null;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw.getBody().duplicate());
            return null;
        } catch (CharacterCodingException e) {
            return "body is not valid UTF-8 although its charset says UTF-8 ("
                    + e.getClass().getSimpleName() + ")";
        }
    }

    private static long headerLong(Record<String, byte[]> record, String name, long fallback) {
        Header h = record.headers().lastHeader(name);
        if (h == null || h.value() == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return fallback; // a hand-made replay record without usable origin headers still gets enriched
        }
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata meta, String reason, Throwable error) {
        Record<String, ParseOutcome> dead = record.withValue(ParseOutcome.dead(record.value()));
        DeadLetterHeaders.of("enrich", reason)
                .error(error)
                .origin(meta.topic(), meta.partition(), meta.offset())
                .writeTo(dead.headers());
        context.forward(dead);
    }
}
