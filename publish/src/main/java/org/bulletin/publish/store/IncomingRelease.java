package org.bulletin.publish.store;

import org.bulletin.schemas.Release;

/** A release to store with the Kafka coordinates it was consumed from (kept on the row for tracing). */
public record IncomingRelease(Release release, String topic, int partition, long offset) {

    /** A release that did not come from Kafka (tests, imports). */
    public static IncomingRelease of(Release release) {
        return new IncomingRelease(release, null, -1, -1L);
    }
}
