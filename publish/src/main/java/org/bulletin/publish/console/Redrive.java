package org.bulletin.publish.console;

/** A dead letter sent back to the topic it came from. */
public record Redrive(int partition, long offset, String sentTo) {}
