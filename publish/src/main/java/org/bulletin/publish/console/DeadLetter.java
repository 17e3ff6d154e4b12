package org.bulletin.publish.console;

import java.time.Instant;

/**
 * One record of the dead-letter topic: where it is, which stage gave up on it and why, and where it came from.
 *
 * @param origin     {@code topic-partition@offset} it was consumed from, or null (ingest's never came from a topic)
 * @param redrivable whether it can go back to where it came from (it names an origin topic)
 */
public record DeadLetter(
        int partition,
        long offset,
        Instant timestamp,
        String stage,
        String reason,
        String origin,
        String key,
        boolean redrivable) {}
