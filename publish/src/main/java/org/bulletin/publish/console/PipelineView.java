package org.bulletin.publish.console;

import java.util.List;
import java.util.Optional;

/**
 * What the console reads of the pipeline beyond the store: each stage's flow and the dead-letter topic. The publish
 * module defines it and the app implements it over Kafka (it knows every stage's topics and groups). Implementations
 * are thread-safe and throw {@link PipelineUnavailableException} when Kafka cannot be reached.
 */
public interface PipelineView {

    /** The latest sample of every stage's flow (cheap: sampled in the background). */
    FlowSnapshot flow();

    /** The newest {@code limit} dead letters, newest first. */
    List<DeadLetter> deadLetters(int limit);

    /** The dead letter at {@code partition:offset} with its headers and the head of its value. */
    Optional<DeadLetterDetail> deadLetter(int partition, long offset);

    /**
     * Sends the dead letter at {@code partition:offset} back to its origin topic with its original key, bytes and
     * headers (plus one naming where in the dead-letter topic it was). Empty when there is no dead letter there;
     * {@link IllegalStateException} when it names no origin topic.
     */
    Optional<Redrive> redrive(int partition, long offset);
}
