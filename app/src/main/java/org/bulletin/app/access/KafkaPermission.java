package org.bulletin.app.access;

import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * One thing a stage's Kafka principal must be allowed to do: an operation on a topic, group or transactional id,
 * named literally or by prefix, and why the stage needs it. Immutable.
 */
public record KafkaPermission(
        ResourceType resource, String name, PatternType pattern, AclOperation operation, String purpose) {

    public KafkaPermission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(purpose, "purpose");
        if (pattern != PatternType.LITERAL && pattern != PatternType.PREFIXED) {
            throw new IllegalArgumentException("pattern must be LITERAL or PREFIXED, was " + pattern);
        }
    }

    static KafkaPermission topic(String name, AclOperation operation, String purpose) {
        return new KafkaPermission(ResourceType.TOPIC, name, PatternType.LITERAL, operation, purpose);
    }

    static KafkaPermission topicsPrefixed(String prefix, AclOperation operation, String purpose) {
        return new KafkaPermission(ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation, purpose);
    }

    static KafkaPermission group(String id, AclOperation operation, String purpose) {
        return new KafkaPermission(ResourceType.GROUP, id, PatternType.LITERAL, operation, purpose);
    }

    static KafkaPermission transactionalId(String id, AclOperation operation, String purpose) {
        return new KafkaPermission(ResourceType.TRANSACTIONAL_ID, id, PatternType.LITERAL, operation, purpose);
    }

    static KafkaPermission transactionalIdsPrefixed(String prefix, AclOperation operation, String purpose) {
        return new KafkaPermission(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, operation, purpose);
    }

    /** What it allows, in words: {@code READ topic bulletin.raw.v1}, {@code ALL topics prefixed 'bulletin-enrich-'}. */
    public String describe() {
        return operation + " " + resourceWords();
    }

    /** {@code topic bulletin.raw.v1}, {@code group bulletin-publish}, {@code topics prefixed 'bulletin-enrich-'}. */
    public String resourceWords() {
        String kind = switch (resource) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional id";
            default -> resource.toString().toLowerCase(Locale.ROOT);
        };
        return pattern == PatternType.PREFIXED ? kind + "s prefixed '" + name + "'" : kind + " " + name;
    }

    /**
     * The {@code kafka-acls.sh} options naming this resource: {@code --topic bulletin.raw.v1}, with
     * {@code --resource-pattern-type prefixed} for a prefix.
     */
    public String kafkaAclsResource() {
        String option = switch (resource) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> throw new IllegalStateException("no kafka-acls option for " + resource);
        };
        return option + " " + name + (pattern == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    /** The operation as {@code kafka-acls.sh --operation} spells it ({@code Read}, {@code Write}, {@code All}). */
    public String kafkaAclsOperation() {
        return SecurityUtils.operationName(operation);
    }
}
