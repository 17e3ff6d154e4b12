package org.bulletin.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The check's words (the brokers' answers are covered by SecurePipelineIT). */
@Tag("issue-19")
class AccessCheckTest {

    @Test
    void shouldNameEachMissingPermissionAndTheKafkaAclsLinesThatGrantIt() {
        List<KafkaPermission> missing = List.of(
                KafkaPermission.topic("bulletin.raw.v1", AclOperation.READ, "input"),
                KafkaPermission.group("bulletin-enrich", AclOperation.READ, "group"),
                KafkaPermission.topicsPrefixed("bulletin-enrich-", AclOperation.ALL, "internal"),
                KafkaPermission.topic("bulletin.raw.v1", AclOperation.DESCRIBE, "also"));

        String message = AccessCheck.message("enrich", "kafka:9093", "User:ingest", missing);

        assertThat(message)
                .startsWith("enrich is not authorised to READ topic bulletin.raw.v1; READ group bulletin-enrich;"
                        + " ALL topics prefixed 'bulletin-enrich-'; DESCRIBE topic bulletin.raw.v1"
                        + " (Kafka principal User:ingest at kafka:9093).")
                .contains("docs/security.md")
                .contains(
                        "kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                                + " --allow-principal User:ingest --operation Read --operation Describe --topic bulletin.raw.v1")
                .contains("--allow-principal User:ingest --operation Read --group bulletin-enrich")
                .contains("--operation All --topic bulletin-enrich- --resource-pattern-type prefixed");
        assertThat(message.lines()).hasSize(4); // the summary, then one command per resource
    }

    @Test
    void shouldSayTheNamesOfOneOperationOnOneKindTogether() {
        List<KafkaPermission> missing = List.of(
                KafkaPermission.topic("raw", AclOperation.READ, "input"),
                KafkaPermission.topic("enriched", AclOperation.WRITE, "output"),
                KafkaPermission.topic("replay", AclOperation.READ, "input"),
                KafkaPermission.group("g", AclOperation.READ, "group"),
                KafkaPermission.transactionalIdsPrefixed("app-", AclOperation.WRITE, "eos"));

        assertThat(AccessCheck.summary(missing))
                .isEqualTo("READ topic raw, replay; WRITE topic enriched; READ group g;"
                        + " WRITE transactional ids prefixed 'app-'");
    }

    @Test
    void shouldTakeThePrincipalFromTheJaasLineButNeverThePassword() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"in\\\"gest\""
                + " password=\"s3cret\";";

        assertThat(AccessCheck.principal(Map.of("sasl.jaas.config", jaas))).isEqualTo("User:in\"gest");
        assertThat(AccessCheck.principal(Map.of("sasl.jaas.config", new Password(jaas))))
                .isEqualTo("User:in\"gest");
        assertThat(AccessCheck.principal(Map.of())).isEqualTo("User:ANONYMOUS (security.protocol=PLAINTEXT)");
        assertThat(AccessCheck.principal(Map.of("security.protocol", "SSL")))
                .isEqualTo("this client's principal (security.protocol=SSL)");
    }

    @Test
    void shouldLetTheStageStartWhenNoBrokerAnswersInTime() {
        // Nothing listens on the discard port: the check gives up quietly; the stage then waits for its brokers.
        assertThatCode(() -> AccessCheck.verify(
                        "ingest",
                        "127.0.0.1:9",
                        Map.of(),
                        List.of(KafkaPermission.topic("bulletin.raw.v1", AclOperation.WRITE, "raw")),
                        Duration.ofSeconds(2)))
                .doesNotThrowAnyException();
    }
}
