package org.bulletin.ingest;

/**
 * What one ingest call did.
 *
 * @param seen         documents handed to the pipeline
 * @param published    raw records acknowledged by the broker (new keys and new revisions)
 * @param unchanged    documents skipped because the same key and content were already pushed (or HTTP 304)
 * @param deadLettered documents sent to the dead-letter topic (empty, oversized, undecodable, HTTP errors, bad feeds)
 * @param errors       failures with no record: unreachable hosts, robots.txt refusals, failed sends
 */
public record IngestCounts(long seen, long published, long unchanged, long deadLettered, long errors) {

    public static final IngestCounts ZERO = new IngestCounts(0, 0, 0, 0, 0);

    public IngestCounts plus(IngestCounts o) {
        return new IngestCounts(
                seen + o.seen,
                published + o.published,
                unchanged + o.unchanged,
                deadLettered + o.deadLettered,
                errors + o.errors);
    }

    @Override
    public String toString() {
        return "seen=" + seen + " published=" + published + " unchanged=" + unchanged + " dlq=" + deadLettered
                + " errors=" + errors;
    }
}
