package org.bulletin.ingest;

import java.util.Map;
import java.util.Objects;

/**
 * One fetched document before it becomes a {@link org.bulletin.schemas.RawRelease}: the raw bytes plus what the source
 * knows about them (URL, the served Content-Type header, source-specific metadata).
 *
 * @param sourceId          id of the configured source (e.g. {@code files}, {@code push}, {@code csto-news})
 * @param url               http(s) URL or file URI of the document, or null
 * @param contentTypeHeader Content-Type as served or implied by a file extension (may carry a charset), or null
 * @param body              the raw bytes, untouched
 * @param metadata          extras copied into {@code RawRelease.metadata} (ETag, Last-Modified, title, path ...)
 */
public record Document(
        String sourceId, String url, String contentTypeHeader, byte[] body, Map<String, String> metadata) {

    public Document {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(body, "body");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
