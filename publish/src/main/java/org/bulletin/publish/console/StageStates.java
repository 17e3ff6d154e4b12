package org.bulletin.publish.console;

import java.util.Locale;
import java.util.Map;
import org.bulletin.publish.Health;
import org.bulletin.publish.console.StageFlow.State;

/** How the console tells whether a stage runs, from what can be known of it. Pure. */
public final class StageStates {

    /** A state and why. */
    public record Verdict(State state, String detail) {}

    private StageStates() {}

    /**
     * A stage known by its consumer group (enrich: a Kafka Streams application): running while the group has members,
     * stopped when it has none.
     *
     * @param groupState the group's state as Kafka names it (Stable, Empty, Dead, PreparingRebalance, ...), or null
     *                   when the group is unknown to the broker
     */
    public static Verdict fromGroup(String group, String groupState, int members) {
        String s = groupState == null
                ? "dead"
                : groupState.toLowerCase(Locale.ROOT).replace("_", "");
        if (s.equals("dead") || s.equals("unknown") && members == 0) {
            return new Verdict(State.STOPPED, "consumer group " + group + " does not exist: the stage never ran here");
        }
        if (s.equals("empty") || members == 0) {
            return new Verdict(State.STOPPED, "no member in consumer group " + group + ": the stage is not running");
        }
        if (s.contains("rebalance") || s.equals("assigning") || s.equals("reconciling")) {
            return new Verdict(
                    State.STARTING, "consumer group " + group + " is rebalancing (" + members + " member(s))");
        }
        return new Verdict(State.RUNNING, members + " member(s) in consumer group " + group);
    }

    /**
     * The publish stage, from the health its components report in this process: stopped when any is down, degraded
     * (retrying) when any is degraded, starting while any starts.
     */
    public static Verdict fromHealth(Map<String, Health.Status> components) {
        State worst = State.RUNNING;
        StringBuilder why = new StringBuilder();
        for (var e : components.entrySet()) {
            State s = switch (e.getValue().state()) {
                case UP -> State.RUNNING;
                case STARTING -> State.STARTING;
                case DEGRADED -> State.DEGRADED;
                case DOWN -> State.STOPPED;
            };
            if (s != State.RUNNING) {
                if (why.length() > 0) {
                    why.append("; ");
                }
                why.append(e.getKey()).append(": ").append(e.getValue().detail());
            }
            if (rank(s) > rank(worst)) {
                worst = s;
            }
        }
        return new Verdict(worst, worst == State.RUNNING ? "every component up" : why.toString());
    }

    private static int rank(State s) {
        return switch (s) {
            case RUNNING -> 0;
            case UNKNOWN -> 1;
            case STARTING -> 2;
            case DEGRADED -> 3;
            case STOPPED -> 4;
        };
    }
}
