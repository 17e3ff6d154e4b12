package org.bulletin.enrich;

import java.time.Instant;

/**
 * A raw fetched document as the pure enrich logic sees it, decoupled from Kafka and Avro: the raw key, where it came
 * from, its bytes and, when known, the raw record's partition and offset (-1 otherwise).
 */
public record RawDocument(
        String key,
        String sourceId,
        String sourceUrl,
        Instant fetchedAt,
        String contentType,
        String charset,
        byte[] body,
        int partition,
        long offset) {}
