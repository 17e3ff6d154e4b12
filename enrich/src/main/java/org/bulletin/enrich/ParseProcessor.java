package org.bulletin.enrich;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a raw record and runs the pure {@link Enricher} on it, forwarding one record per release found (keyed by
 * release id) or one dead letter carrying the original bytes and the reason.
 */
final class ParseProcessor implements Processor<String, byte[], String, ParseOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    private final Enricher enricher;
    private final Deserializer<RawRelease> rawDeserializer;
    private ProcessorContext<String, ParseOutcome> context;

    ParseProcessor(Enricher enricher, Deserializer<RawRelease> rawDeserializer) {
        this.enricher = enricher;
        this.rawDeserializer = rawDeserializer;
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
        List<Release> found;
        try {
            found = enricher.enrich(new RawDocument(record.key() == null ? "sha256:" + raw.getContentHash() : record.key(),
                    raw.getSourceId(), raw.getSourceUrl(), raw.getFetchedAt(), raw.getContentType(), raw.getCharset(),
                    raw.getBody().array(), meta.partition(), meta.offset()));
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
            context.forward(record.withKey(release.getReleaseId()).withValue(ParseOutcome.ok(release)));
        }
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata meta, String reason, Throwable error) {
        Record<String, ParseOutcome> dead = record.withValue(ParseOutcome.dead(record.value()));
        DeadLetters.annotate(dead.headers(), reason, error, meta.topic(), meta.partition(), meta.offset());
        context.forward(dead);
    }
}
