package org.bulletin.schemas.registry;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility levels, checked with Avro's own reader/writer resolution rules. */
final class Compatibility {

    static final Set<String> LEVELS = Set.of(
            "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    private Compatibility() {}

    static String normalise(String level) {
        String upper = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException(
                    "Unknown compatibility level '" + level + "'; expected one of " + LEVELS);
        }
        return upper;
    }

    /**
     * Null when {@code candidate} may follow {@code history} (oldest first) at {@code level}, else a description of the
     * first incompatibility. Non-transitive levels only look at the latest version, as Confluent does.
     */
    static String check(String level, Schema candidate, List<Schema> history) {
        if (history.isEmpty() || level.equals("NONE")) {
            return null;
        }
        List<Schema> against = level.endsWith("_TRANSITIVE") ? history : List.of(history.get(history.size() - 1));
        boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
        boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
        for (int i = against.size() - 1; i >= 0; i--) {
            Schema earlier = against.get(i);
            if (backward) {
                String problem = problem(candidate, earlier);
                if (problem != null) {
                    return "new schema cannot read data written by an earlier version: " + problem;
                }
            }
            if (forward) {
                String problem = problem(earlier, candidate);
                if (problem != null) {
                    return "an earlier version cannot read data written by the new schema: " + problem;
                }
            }
        }
        return null;
    }

    private static String problem(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(inc -> inc.getType() + " at " + inc.getLocation() + " (" + inc.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }
}
