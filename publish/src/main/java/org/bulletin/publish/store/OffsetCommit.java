package org.bulletin.publish.store;

/**
 * Advance of one consumed partition, written in the same transaction as the rows it produced.
 *
 * @param expectedNext the offset the writer believes is stored, or null when it believes no row exists yet
 *                     (a mismatch raises {@link OffsetConflictException}: the fence against zombie consumers)
 * @param next         the next offset to consume
 */
public record OffsetCommit(String group, String topic, int partition, Long expectedNext, long next) {}
