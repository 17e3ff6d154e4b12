package org.bulletin.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API the platform uses: register, look up, fetch by id, check and set
 * compatibility. Implementations are thread-safe and cache what never changes (ids and the schemas behind them).
 */
public interface SchemaRegistry {

    /** Compatibility level every subject we own is set to. */
    String BACKWARD_TRANSITIVE = "BACKWARD_TRANSITIVE";

    /**
     * Registers {@code schema} under {@code subject} (idempotent) and returns its global id.
     *
     * @throws SchemaRegistryException when the registry rejects it (e.g. incompatible, error code 409) or is unreachable
     */
    int register(String subject, Schema schema);

    /** The id of {@code schema} when it is registered under {@code subject}; empty when it is not (or no such subject). */
    Optional<Integer> lookup(String subject, Schema schema);

    /**
     * The schema with global id {@code id}.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#errorCode()} 40403 when there is no such id
     */
    Schema byId(int id);

    /** The latest version registered under {@code subject}; empty when the subject does not exist. */
    Optional<RegisteredSchema> latest(String subject);

    /**
     * Whether {@code schema} may be registered under {@code subject} at the subject's compatibility level; true when
     * the subject does not exist yet.
     */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the compatibility level of {@code subject}, e.g. {@link #BACKWARD_TRANSITIVE}. */
    void setCompatibility(String subject, String level);

    /** Sets the level of every subject without one of its own (Confluent's {@code PUT /config}). */
    void setDefaultCompatibility(String level);

    /** The compatibility level in force for {@code subject}: its own, else the registry-wide default. */
    String compatibility(String subject);

    /** Where this registry is: the REST base URL, or {@code mem://<name>} for an in-memory one. */
    String url();
}
