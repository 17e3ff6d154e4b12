package org.bulletin.app.access;

import java.util.List;

/**
 * A stage may not do what it needs on Kafka (or could not log in): the message names each missing permission and how
 * to grant it, so the command prints it as it is and exits non-zero.
 */
public final class KafkaAccessDeniedException extends RuntimeException {

    private final transient List<KafkaPermission> missing;

    KafkaAccessDeniedException(String message, List<KafkaPermission> missing, Throwable cause) {
        super(message, cause);
        this.missing = List.copyOf(missing);
    }

    /** The permissions found missing; empty when authentication itself failed. */
    public List<KafkaPermission> missing() {
        return missing;
    }
}
