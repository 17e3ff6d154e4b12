package org.bulletin.publish;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-dependency health reported by the publish components (store, kafka, relay) and read by {@code /health}.
 * Thread-safe.
 */
public final class Health {

    /** State of one dependency; only UP counts as healthy. */
    public enum State {
        STARTING,
        UP,
        DEGRADED,
        DOWN
    }

    /** One dependency's state, why, and since when. */
    public record Status(State state, String detail, Instant since) {}

    private final Map<String, Status> components = new ConcurrentHashMap<>();

    /** Sets a component's state; keeps the original {@code since} when the state does not change. */
    public void report(String component, State state, String detail) {
        components.compute(
                component,
                (k, old) -> old != null && old.state() == state
                        ? new Status(state, detail, old.since())
                        : new Status(state, detail, Instant.now()));
    }

    public void up(String component) {
        report(component, State.UP, "ok");
    }

    /** A snapshot, sorted by component name. */
    public Map<String, Status> snapshot() {
        return new TreeMap<>(components);
    }

    /** True when every reported component is UP. */
    public boolean healthy() {
        return components.values().stream().allMatch(s -> s.state() == State.UP);
    }
}
