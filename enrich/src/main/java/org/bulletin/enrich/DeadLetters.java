package org.bulletin.enrich;

import org.bulletin.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/** The dead-letter headers every stage writes: which stage, why, and where the record came from. */
final class DeadLetters {

    static final String STAGE = DeadLetterHeaders.STAGE;
    static final String REASON = DeadLetterHeaders.REASON;
    static final String ERROR_CLASS = "bulletin.error.class";
    static final String ORIGIN_TOPIC = DeadLetterHeaders.ORIGIN_TOPIC;
    static final String ORIGIN_PARTITION = DeadLetterHeaders.ORIGIN_PARTITION;
    static final String ORIGIN_OFFSET = DeadLetterHeaders.ORIGIN_OFFSET;

    private DeadLetters() {
    }

    static void annotate(Headers headers, String reason, Throwable error, String topic, int partition, long offset) {
        put(headers, STAGE, "enrich");
        put(headers, REASON, reason);
        if (error != null) {
            put(headers, ERROR_CLASS, error.getClass().getName());
        }
        put(headers, ORIGIN_TOPIC, topic);
        put(headers, ORIGIN_PARTITION, Integer.toString(partition));
        put(headers, ORIGIN_OFFSET, Long.toString(offset));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
