package org.bulletin.schemas;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record on {@code bulletin.dlq.v1}: part of the topic's contract (docs/topics.md), so every stage
 * writes them, and the ops tools read them, through this one type. Build with {@link #of}, then {@link #writeTo} the
 * dead letter's headers; read with the static getters, which fall back to the headers of Kafka Streams' own
 * dead-letter queue ({@code __streams.errors.*}). A builder is not thread-safe; the static methods are.
 */
public final class DeadLetterHeaders {

    /** Which stage gave up on the record: ingest, enrich or publish. */
    public static final String STAGE = "bulletin.stage";
    /** Why, in words. */
    public static final String REASON = "bulletin.reason";
    /** The class of the exception behind the reason, when there was one. */
    public static final String ERROR_CLASS = "bulletin.error.class";
    /** Where the record came from, when it came from a topic. */
    public static final String ORIGIN_TOPIC = "bulletin.origin.topic";

    public static final String ORIGIN_PARTITION = "bulletin.origin.partition";
    public static final String ORIGIN_OFFSET = "bulletin.origin.offset";
    /** Ingest: the source that fetched the body, and its URL when it has one. */
    public static final String SOURCE = "bulletin.source";

    public static final String URL = "bulletin.url";
    /** Ingest: the body's size in bytes, and "true" when the dead letter keeps only its head. */
    public static final String BODY_BYTES = "bulletin.body.bytes";

    public static final String TRUNCATED = "bulletin.truncated";
    /** On a record re-driven from the DLQ to its origin topic: where in the DLQ it came from ("partition:offset"). */
    public static final String RETRIED_FROM = "bulletin.dlq.retried.from";

    private static final String STREAMS_PREFIX = "__streams.errors.";
    private static final String STREAMS_TOPIC = STREAMS_PREFIX + "topic";
    private static final String STREAMS_PARTITION = STREAMS_PREFIX + "partition";
    private static final String STREAMS_OFFSET = STREAMS_PREFIX + "offset";
    private static final String STREAMS_MESSAGE = STREAMS_PREFIX + "message";
    /** What a re-drive strips from a dead letter before it goes back to its origin topic. */
    private static final Set<String> ANNOTATIONS =
            Set.of(STAGE, REASON, ORIGIN_TOPIC, ORIGIN_PARTITION, ORIGIN_OFFSET, ERROR_CLASS, RETRIED_FROM);

    private final Map<String, String> values = new LinkedHashMap<>();

    private DeadLetterHeaders(String stage, String reason) {
        values.put(STAGE, stage);
        values.put(REASON, reason);
    }

    /** The headers of a dead letter that {@code stage} gave up on, for {@code reason}. */
    public static DeadLetterHeaders of(String stage, String reason) {
        return new DeadLetterHeaders(stage, reason);
    }

    /** Names the class of {@code error}; nothing when it is null. */
    public DeadLetterHeaders error(Throwable error) {
        if (error != null) {
            values.put(ERROR_CLASS, error.getClass().getName());
        }
        return this;
    }

    /** Where the record was consumed from. */
    public DeadLetterHeaders origin(String topic, int partition, long offset) {
        values.put(ORIGIN_TOPIC, topic);
        values.put(ORIGIN_PARTITION, Integer.toString(partition));
        values.put(ORIGIN_OFFSET, Long.toString(offset));
        return this;
    }

    /** The ingest source the body came from, and its URL (left out when null). */
    public DeadLetterHeaders source(String sourceId, String url) {
        values.put(SOURCE, sourceId);
        if (url != null) {
            values.put(URL, url);
        }
        return this;
    }

    /** The rejected body's size, and whether the dead letter keeps only its head. */
    public DeadLetterHeaders body(int bytes, boolean truncated) {
        values.put(BODY_BYTES, Integer.toString(bytes));
        if (truncated) {
            values.put(TRUNCATED, "true");
        }
        return this;
    }

    /**
     * Sets these headers on {@code headers} in the order they were given, each replacing any header of the same name
     * (null values are written empty); other headers stay. Returns {@code headers}.
     */
    public Headers writeTo(Headers headers) {
        values.forEach((name, value) -> {
            headers.remove(name);
            headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        });
        return headers;
    }

    /** The last value of header {@code name} as UTF-8 text, or null. */
    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The stage that gave up; "enrich (streams)" for a dead letter of Kafka Streams' own; null when unknown. */
    public static String stage(Headers headers) {
        String s = get(headers, STAGE);
        return s != null ? s : get(headers, STREAMS_TOPIC) != null ? "enrich (streams)" : null;
    }

    public static String reason(Headers headers) {
        String r = get(headers, REASON);
        return r != null ? r : get(headers, STREAMS_MESSAGE);
    }

    /** The topic the record was consumed from, or null (ingest's dead letters never were). */
    public static String originTopic(Headers headers) {
        String t = get(headers, ORIGIN_TOPIC);
        return t != null ? t : get(headers, STREAMS_TOPIC);
    }

    /** Where the record was consumed from as {@code topic-partition@offset}, or null. */
    public static String origin(Headers headers) {
        String t = originTopic(headers);
        if (t == null) {
            return null;
        }
        String p = get(headers, ORIGIN_PARTITION) != null
                ? get(headers, ORIGIN_PARTITION)
                : get(headers, STREAMS_PARTITION);
        String o = get(headers, ORIGIN_OFFSET) != null ? get(headers, ORIGIN_OFFSET) : get(headers, STREAMS_OFFSET);
        return t + "-" + p + "@" + o;
    }

    /**
     * The headers a dead letter at {@code partition:offset} of the DLQ goes back to its origin topic with: its own
     * headers without the dead-letter annotations (Bulletin's and Kafka Streams'), plus {@link #RETRIED_FROM}.
     */
    public static Headers redriven(Headers deadLetter, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : deadLetter) {
            if (!ANNOTATIONS.contains(h.key()) && !h.key().startsWith(STREAMS_PREFIX)) {
                headers.add(h);
            }
        }
        headers.add(RETRIED_FROM, (partition + ":" + offset).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
