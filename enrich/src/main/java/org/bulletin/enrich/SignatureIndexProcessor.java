package org.bulletin.enrich;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global near-duplicate index up to date from the signatures topic (runs on the global thread). */
final class SignatureIndexProcessor implements Processor<String, String, Void, Void> {

    private final long windowMs;
    private KeyValueStore<String, String> index;

    SignatureIndexProcessor(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() != null && record.value() != null) {
            NearDuplicates.index(index, record.key(), NearDuplicates.Signature.decode(record.value()), windowMs);
        }
    }
}
