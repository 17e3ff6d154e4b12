package org.bulletin.publish.console;

import java.time.Instant;

/**
 * One stage's flow as the console shows it: whether it runs, how many records it handled in the last minute and hour,
 * how far behind it is, and how many records it gave up on (dead letters).
 *
 * @param counted      what {@code lastMinute} and {@code lastHour} count, in words
 * @param lastActivity when that count last grew, or null (not since the console started)
 * @param lag          records not yet processed, or null when the stage has no input topic or it cannot be known
 *                     (then {@code lagNote} says why)
 */
public record StageFlow(
        String stage,
        State state,
        String detail,
        String counted,
        long lastMinute,
        long lastHour,
        Instant lastActivity,
        Long lag,
        String lagNote,
        long errorsLastMinute,
        long errorsLastHour) {

    /** Whether a stage runs, as far as the console can tell. */
    public enum State {
        RUNNING,
        STARTING,
        DEGRADED,
        STOPPED,
        UNKNOWN
    }
}
