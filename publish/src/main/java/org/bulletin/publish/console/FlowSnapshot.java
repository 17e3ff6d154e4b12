package org.bulletin.publish.console;

import java.time.Instant;
import java.util.List;

/**
 * The pipeline at one moment, as {@code GET /v1/flow} serves it.
 *
 * @param at              when it was sampled
 * @param measuredSeconds how much history the per-minute and per-hour counts rest on (they are counted from samples
 *                        the server takes while it runs: at most 3600)
 * @param problem         why the latest sampling failed (e.g. Kafka unreachable), or null; the figures are then those
 *                        of {@code at}
 */
public record FlowSnapshot(
        Instant at, long measuredSeconds, String problem, List<StageFlow> stages, DeadLetterSummary deadLetters) {

    /** The dead-letter topic: how many records it holds and the newest ones. */
    public record DeadLetterSummary(String topic, long count, List<DeadLetter> latest) {}
}
