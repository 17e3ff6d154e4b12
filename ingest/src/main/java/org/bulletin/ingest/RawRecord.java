package org.bulletin.ingest;

import org.bulletin.schemas.RawRelease;

/**
 * A raw release ready to produce: the record key and the Avro value.
 *
 * @param key   canonical URL, or {@code sha256:<contentHash>} when the document has no http(s) URL
 * @param value the RawRelease with the body bytes untouched
 */
public record RawRecord(String key, RawRelease value) {}
