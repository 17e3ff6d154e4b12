package org.bulletin.schemas;

/**
 * Header names every stage writes on {@code bulletin.dlq.v1}: part of the topic's contract (docs/topics.md), so they
 * are named once here and every stage, and the ops tools that read them, use these.
 */
public final class DeadLetterHeaders {

    /** Which stage gave up on the record: ingest, enrich or publish. */
    public static final String STAGE = "bulletin.stage";
    /** Why, in words. */
    public static final String REASON = "bulletin.reason";
    /** Where the record came from, when it came from a topic. */
    public static final String ORIGIN_TOPIC = "bulletin.origin.topic";
    public static final String ORIGIN_PARTITION = "bulletin.origin.partition";
    public static final String ORIGIN_OFFSET = "bulletin.origin.offset";

    private DeadLetterHeaders() {
    }
}
