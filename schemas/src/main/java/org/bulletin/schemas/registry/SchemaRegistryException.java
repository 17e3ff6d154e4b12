package org.bulletin.schemas.registry;

/**
 * A schema registry call failed. The message always names the registry URL and, where there is one, the subject and
 * the Confluent error code and message, so an operator can tell an incompatible schema from an outage.
 */
public final class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema (id) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: schema is incompatible with an earlier version. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the schema is not valid Avro. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code: the compatibility level is not valid. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final String subject;
    private final String registryUrl;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(
            String operation,
            String subject,
            String registryUrl,
            int httpStatus,
            int errorCode,
            String detail,
            Throwable cause) {
        super(describe(operation, subject, registryUrl, httpStatus, errorCode, detail), cause);
        this.subject = subject;
        this.registryUrl = registryUrl;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    private static String describe(String operation, String subject, String url, int status, int code, String detail) {
        StringBuilder sb =
                new StringBuilder("Schema registry ").append(url).append(": ").append(operation);
        if (subject != null) {
            sb.append(" for subject '").append(subject).append('\'');
        }
        sb.append(" failed");
        if (status > 0) {
            sb.append(": HTTP ").append(status);
        }
        if (code > 0) {
            sb.append(", error_code ").append(code);
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The subject the call was about; null for calls by id. */
    public String subject() {
        return subject;
    }

    /** The registry base URL. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The HTTP status, or 0 when no response arrived (connection refused, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent error code (e.g. 40401, 40403, 409), or 0 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry answered that the subject, version or schema does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404
                || errorCode == SUBJECT_NOT_FOUND
                || errorCode == VERSION_NOT_FOUND
                || errorCode == SCHEMA_NOT_FOUND;
    }
}
