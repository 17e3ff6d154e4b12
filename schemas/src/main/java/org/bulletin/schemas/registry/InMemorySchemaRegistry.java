package org.bulletin.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for unit tests and {@code TopologyTestDriver}: the same ids-across-subjects,
 * versioning and compatibility semantics as Confluent's (default level BACKWARD, like Confluent), nothing persisted.
 * Thread-safe (all state guarded by this instance's monitor).
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final String url;
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, String> levelBySubject = new HashMap<>();
    private String defaultLevel = "BACKWARD";

    /** An anonymous registry; its {@link #url()} is {@code mem://anonymous}. */
    public InMemorySchemaRegistry() {
        this("mem://anonymous");
    }

    /** A registry reporting {@code url} (normally {@code mem://<name>}) in {@link #url()} and error messages. */
    public InMemorySchemaRegistry(String url) {
        this.url = url;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Optional<Integer> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        String problem = Compatibility.check(compatibility(subject), schema, history(subject));
        if (problem != null) {
            throw new SchemaRegistryException(
                    "register schema",
                    subject,
                    url,
                    409,
                    SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an " + "earlier schema at level "
                            + compatibility(subject) + ": " + problem,
                    null);
        }
        // Like Confluent, one schema text gets one id wherever it is registered.
        int id = idsByCanonical.computeIfAbsent(schema.toString(), k -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Optional<Integer> lookup(String subject, Schema schema) {
        Integer id = idsByCanonical.get(schema.toString());
        List<Integer> versions = versionsBySubject.get(subject);
        return id != null && versions != null && versions.contains(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public synchronized Schema byId(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(
                    "get schema by id " + id,
                    null,
                    url,
                    404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema " + id + " not found",
                    null);
        }
        return schema;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        int id = versions.get(versions.size() - 1);
        return Optional.of(new RegisteredSchema(subject, id, versions.size(), schemasById.get(id)));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return Compatibility.check(compatibility(subject), schema, history(subject)) == null;
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        try {
            levelBySubject.put(subject, Compatibility.normalise(level));
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(
                    "set compatibility",
                    subject,
                    url,
                    422,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized void setDefaultCompatibility(String level) {
        defaultLevel = Compatibility.normalise(level);
    }

    @Override
    public synchronized String compatibility(String subject) {
        return levelBySubject.getOrDefault(subject, defaultLevel);
    }

    /** Subjects registered so far, in no particular order. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public String url() {
        return url;
    }

    private List<Schema> history(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .map(schemasById::get)
                .toList();
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + url + "]";
    }
}
