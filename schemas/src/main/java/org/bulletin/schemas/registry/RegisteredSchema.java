package org.bulletin.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry stores it.
 *
 * @param subject the subject, e.g. {@code bulletin.raw.v1-value}
 * @param id      the global schema id written into every Confluent-framed record
 * @param version the 1-based version within the subject
 * @param schema  the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
