package org.bulletin.app.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.bulletin.app.config.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of a stage's Kafka permissions: asks the brokers, as the stage's own principal, what it may do
 * with each resource it needs, and fails with one message naming every missing (operation, resource) and the
 * {@code kafka-acls.sh} lines that grant them, instead of a stage that starts and then logs authorization failures.
 *
 * <p>How each kind is asked, since Kafka has no "may I?" request for most of them:
 * <ul>
 *   <li>topics: {@code DescribeTopics} with the authorized operations; a topic the principal may not even describe
 *       answers "authorization failed", so every operation on it is missing. A topic that does not exist yet is
 *       skipped (reported in the log): its absence is the topics command's business, not a permission.</li>
 *   <li>groups: {@code DescribeGroups} with the authorized operations. A group that does not exist yet answers "not
 *       found" only to a principal allowed to describe it; that is taken as enough (any ACL that allows READ allows
 *       DESCRIBE, and a DESCRIBE-only ACL on a stage's own group is unheard of).</li>
 *   <li>transactional ids: {@code DescribeTransactions}; "not found" likewise means the principal may describe it.
 *       For a prefix, an id under it stands in (the stage's real ids carry a process UUID).</li>
 *   <li>topics by prefix (Kafka Streams' internal topics): the existing ones are described as above; while none
 *       exists, a validate-only {@code CreateTopics} of a name under the prefix asks whether they may be created.</li>
 * </ul>
 * A broker that does not answer in time does not stop the stage: the check is skipped with a warning, since the stage
 * waits for its brokers anyway. Failed authentication (wrong password, untrusted certificate) does stop it.
 */
public final class AccessCheck {

    /** How long the whole check may take before the stage starts without it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(AccessCheck.class);
    private static final String PROBE = "bulletin-access-check";
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private AccessCheck() {}

    /**
     * Checks {@code needs} for {@code stage} with the stage's own client settings; returns quietly when every one is
     * allowed (or could not be checked in time), else throws.
     *
     * @throws KafkaAccessDeniedException naming each missing permission, or the failed authentication
     */
    public static void verify(String stage, String bootstrap, Map<String, ?> kafka, List<KafkaPermission> needs) {
        verify(stage, bootstrap, kafka, needs, TIMEOUT);
    }

    static void verify(
            String stage, String bootstrap, Map<String, ?> kafka, List<KafkaPermission> needs, Duration timeout) {
        Map<String, Object> config = KafkaClients.config(bootstrap, kafka);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bulletin-" + stage + "-access-check");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        String principal = principal(kafka);
        List<KafkaPermission> missing;
        Admin admin = Admin.create(config);
        try {
            missing = new Checker(admin, deadline).missing(needs);
        } catch (AuthenticationException e) {
            throw new KafkaAccessDeniedException(
                    stage + " cannot authenticate to Kafka at " + bootstrap + " as " + principal + ": "
                            + e.getMessage() + ". Check security.protocol, sasl.mechanism, sasl.jaas.config and"
                            + " ssl.truststore.* (KAFKA_* environment or kafka.* keys; docs/security.md).",
                    List.of(),
                    e);
        } catch (TimeoutException e) {
            LOG.warn(
                    "{}: could not check its Kafka permissions at {} within {} s (no answer); starting without the"
                            + " check, a missing permission will show as an authorization error",
                    stage,
                    bootstrap,
                    timeout.toSeconds());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(stage + ": interrupted while checking its Kafka permissions", e);
        } finally {
            // Not close()'s unbounded wait: calls still pending after the deadline are abandoned.
            admin.close(Duration.ofSeconds(1));
        }
        if (!missing.isEmpty()) {
            throw new KafkaAccessDeniedException(message(stage, bootstrap, principal, missing), missing, null);
        }
        LOG.info(
                "{}: Kafka permissions checked as {} in {} ms: {} needed, all allowed",
                stage,
                principal,
                (System.nanoTime() - deadline + timeout.toNanos()) / 1_000_000,
                needs.size());
    }

    /** The one message: what is missing, as whom, and the kafka-acls lines that grant it. */
    static String message(String stage, String bootstrap, String principal, List<KafkaPermission> missing) {
        StringBuilder sb = new StringBuilder();
        sb.append(stage)
                .append(" is not authorised to ")
                .append(summary(missing))
                .append(" (Kafka principal ")
                .append(principal)
                .append(" at ")
                .append(bootstrap)
                .append("). Give its principal the ACLs docs/security.md lists for ")
                .append(stage)
                .append(", or run it with the principal that has them; to grant the missing ones:");
        String who = principal.startsWith("User:") ? principal.split(" ", 2)[0] : "User:<principal>";
        kafkaAclsCommands(bootstrap, who, missing)
                .forEach(line -> sb.append(System.lineSeparator()).append("  ").append(line));
        return sb.toString();
    }

    /**
     * The missing permissions in words, those of one operation on one kind of resource together: {@code READ topic
     * bulletin.raw.v1, bulletin.replay.v1; READ group bulletin-enrich; ALL topics prefixed 'bulletin-enrich-'}.
     */
    static String summary(List<KafkaPermission> missing) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (KafkaPermission p : missing) {
            if (p.pattern() == PatternType.PREFIXED) {
                names.put(p.describe(), List.of());
            } else {
                String kind = p.resourceWords()
                        .substring(0, p.resourceWords().length() - p.name().length());
                names.computeIfAbsent(p.operation() + " " + kind, k -> new ArrayList<>())
                        .add(p.name());
            }
        }
        return names.entrySet().stream()
                .map(e -> e.getKey() + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /**
     * The {@code kafka-acls.sh} lines granting {@code permissions} to {@code principal}, one per resource (all its
     * operations on one line), in the order of first mention; run with an administrator's client settings.
     */
    public static List<String> kafkaAclsCommands(
            String bootstrap, String principal, List<KafkaPermission> permissions) {
        Map<String, List<KafkaPermission>> byResource = new LinkedHashMap<>();
        permissions.forEach(p -> byResource
                .computeIfAbsent(p.kafkaAclsResource(), k -> new ArrayList<>())
                .add(p));
        List<String> lines = new ArrayList<>();
        byResource.forEach((resource, perms) -> {
            StringBuilder line = new StringBuilder("kafka-acls.sh --bootstrap-server ")
                    .append(bootstrap)
                    .append(" --command-config admin.properties --add --allow-principal ")
                    .append(principal);
            perms.forEach(p -> line.append(" --operation ").append(p.kafkaAclsOperation()));
            lines.add(line.append(' ').append(resource).toString());
        });
        return lines;
    }

    /**
     * {@code User:<name>} from the SASL JAAS line's {@code username="..."} (PLAIN, SCRAM); otherwise a description,
     * since the client cannot know the name its certificate or Kerberos ticket maps to. Never the password.
     */
    static String principal(Map<String, ?> kafka) {
        Object jaas = kafka.get(SaslConfigs.SASL_JAAS_CONFIG);
        String text = jaas instanceof Password p ? p.value() : jaas == null ? null : jaas.toString();
        if (text != null) {
            Matcher m = JAAS_USER.matcher(text);
            if (m.find()) {
                return "User:" + m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
        }
        Object protocol = kafka.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        String p = protocol == null ? "PLAINTEXT" : protocol.toString();
        return "PLAINTEXT".equalsIgnoreCase(p)
                ? "User:ANONYMOUS (security.protocol=PLAINTEXT)"
                : "this client's principal (security.protocol=" + p + ")";
    }

    /** Asks the brokers about each need; the order of the answer is the order of the needs. */
    private static final class Checker {

        private final Admin admin;
        private final long deadline;

        Checker(Admin admin, long deadline) {
            this.admin = admin;
            this.deadline = deadline;
        }

        List<KafkaPermission> missing(List<KafkaPermission> needs) throws TimeoutException, InterruptedException {
            Set<KafkaPermission> denied = new LinkedHashSet<>();
            checkTopics(filter(needs, ResourceType.TOPIC, PatternType.LITERAL), denied);
            checkGroups(filter(needs, ResourceType.GROUP, PatternType.LITERAL), denied);
            for (KafkaPermission p : needs) {
                if (p.resource() == ResourceType.TRANSACTIONAL_ID) {
                    checkTransactionalId(p, denied);
                } else if (p.resource() == ResourceType.TOPIC && p.pattern() == PatternType.PREFIXED) {
                    checkPrefixedTopics(p, denied);
                }
            }
            return needs.stream().filter(denied::contains).toList();
        }

        private void checkTopics(List<KafkaPermission> needs, Set<KafkaPermission> denied)
                throws TimeoutException, InterruptedException {
            if (needs.isEmpty()) {
                return;
            }
            Set<String> names =
                    needs.stream().map(KafkaPermission::name).collect(Collectors.toCollection(LinkedHashSet::new));
            Map<String, ? extends Future<TopicDescription>> answers = admin.describeTopics(
                            names, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .topicNameValues();
            for (String name : names) {
                List<KafkaPermission> onTopic =
                        needs.stream().filter(p -> p.name().equals(name)).toList();
                try {
                    Set<AclOperation> allowed = get(answers.get(name)).authorizedOperations();
                    onTopic.stream().filter(p -> !allows(allowed, p)).forEach(denied::add);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        denied.addAll(onTopic);
                    } else if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        LOG.warn("topic {} does not exist, so its permissions were not checked", name);
                    } else {
                        rethrowAuthentication(e);
                        LOG.warn(
                                "could not check the permissions on topic {}: {}",
                                name,
                                e.getCause().toString());
                    }
                }
            }
        }

        private void checkGroups(List<KafkaPermission> needs, Set<KafkaPermission> denied)
                throws TimeoutException, InterruptedException {
            if (needs.isEmpty()) {
                return;
            }
            Set<String> ids =
                    needs.stream().map(KafkaPermission::name).collect(Collectors.toCollection(LinkedHashSet::new));
            Map<String, ? extends Future<ConsumerGroupDescription>> answers = admin.describeConsumerGroups(
                            ids, new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups();
            for (String id : ids) {
                List<KafkaPermission> onGroup =
                        needs.stream().filter(p -> p.name().equals(id)).toList();
                try {
                    Set<AclOperation> allowed = get(answers.get(id)).authorizedOperations();
                    onGroup.stream().filter(p -> !allows(allowed, p)).forEach(denied::add);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupAuthorizationException) {
                        denied.addAll(onGroup);
                    } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        rethrowAuthentication(e);
                        LOG.warn(
                                "could not check the permissions on group {}: {}",
                                id,
                                e.getCause().toString());
                    }
                }
            }
        }

        private void checkTransactionalId(KafkaPermission p, Set<KafkaPermission> denied)
                throws TimeoutException, InterruptedException {
            String id = p.pattern() == PatternType.PREFIXED ? p.name() + PROBE : p.name();
            try {
                get(admin.describeTransactions(List.of(id)).description(id));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TransactionalIdAuthorizationException) {
                    denied.add(p);
                } else if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                    rethrowAuthentication(e);
                    LOG.warn(
                            "could not check the permissions on transactional id {}: {}",
                            id,
                            e.getCause().toString());
                }
            }
        }

        private void checkPrefixedTopics(KafkaPermission p, Set<KafkaPermission> denied)
                throws TimeoutException, InterruptedException {
            Collection<String> existing;
            try {
                existing = get(admin.listTopics().names()).stream()
                        .filter(n -> n.startsWith(p.name()))
                        .toList();
            } catch (ExecutionException e) {
                rethrowAuthentication(e);
                LOG.warn(
                        "could not list topics to check {}: {}",
                        p.describe(),
                        e.getCause().toString());
                return;
            }
            if (existing.isEmpty()) {
                try {
                    get(admin.createTopics(
                                    List.of(new NewTopic(p.name() + PROBE, Optional.empty(), Optional.empty())),
                                    new CreateTopicsOptions().validateOnly(true))
                            .all());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        denied.add(p);
                    } else {
                        rethrowAuthentication(e);
                        LOG.debug(
                                "validate-only create under {}: {}",
                                p.name(),
                                e.getCause().toString());
                    }
                }
                return;
            }
            Map<String, ? extends Future<TopicDescription>> answers = admin.describeTopics(
                            existing, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .topicNameValues();
            for (String name : existing) {
                try {
                    Set<AclOperation> allowed = get(answers.get(name)).authorizedOperations();
                    if (allowed != null && !allowed.containsAll(EnumSet.of(AclOperation.READ, AclOperation.WRITE))) {
                        denied.add(p);
                        return;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        denied.add(p);
                        return;
                    }
                    rethrowAuthentication(e);
                }
            }
        }

        private static boolean allows(Set<AclOperation> allowed, KafkaPermission p) {
            // null: the broker did not say (an old one); the stage's own clients will find out.
            return allowed == null || allowed.contains(p.operation());
        }

        private <T> T get(Future<T> future) throws ExecutionException, TimeoutException, InterruptedException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return future.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw new TimeoutException(e.getCause().getMessage());
                }
                throw e;
            }
        }

        private static void rethrowAuthentication(ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException a) {
                throw a;
            }
        }

        private static List<KafkaPermission> filter(
                List<KafkaPermission> needs, ResourceType type, PatternType pattern) {
            return needs.stream()
                    .filter(p -> p.resource() == type && p.pattern() == pattern)
                    .toList();
        }
    }
}
