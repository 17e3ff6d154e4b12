package org.bulletin.app.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.bulletin.app.k8s.StageAcls.Acl;

/**
 * The Strimzi example of deploy/k8s/strimzi (Kafka, node pools, topics, users), and the checks that keep it in step
 * with the app: every topic the app owns with the configuration {@code bulletin topics} gives it, every user with
 * exactly the permissions its stage needs, a cluster that keeps acknowledged records through the loss of a broker.
 */
final class StrimziManifests {

    private final List<JsonNode> objects;

    StrimziManifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    /** The one Kafka resource. */
    JsonNode kafka() {
        List<JsonNode> kafkas = ofKind("Kafka");
        if (kafkas.size() != 1) {
            throw new IllegalStateException("expected one Kafka resource, found " + kafkas.size());
        }
        return kafkas.get(0);
    }

    String clusterName() {
        return kafka().path("metadata").path("name").asText();
    }

    /** The listener clients use: TLS with SCRAM-SHA-512 (null if there is none). */
    JsonNode clientListener() {
        for (JsonNode l : kafka().path("spec").path("kafka").path("listeners")) {
            if (l.path("tls").asBoolean(false)
                    && l.path("authentication").path("type").asText().equals("scram-sha-512")) {
                return l;
            }
        }
        return null;
    }

    /** topic name -> its KafkaTopic resource. */
    Map<String, JsonNode> topics() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode t : ofKind("KafkaTopic")) {
            String name = t.path("spec")
                    .path("topicName")
                    .asText(t.path("metadata").path("name").asText());
            out.put(name, t);
        }
        return out;
    }

    /** Partitions of {@code topic}'s KafkaTopic, or -1. */
    int partitions(String topic) {
        JsonNode t = topics().get(topic);
        return t == null ? -1 : t.path("spec").path("partitions").asInt(-1);
    }

    /**
     * The KafkaTopics are exactly the topics {@code bulletin topics} manages ({@code expected}: name -> configs), each
     * with {@code partitions} partitions, 3 replicas and exactly the expected configs plus the min.insync.replicas
     * {@code minIsr} gives for its replica count, in this cluster.
     */
    List<String> topicProblems(Map<String, Map<String, String>> expected, int partitions, IntFunction<String> minIsr) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> topics = topics();
        for (String name : expected.keySet()) {
            if (!topics.containsKey(name)) {
                problems.add("topic " + name + " (used by the app) has no KafkaTopic");
            }
        }
        topics.forEach((name, t) -> {
            if (!expected.containsKey(name)) {
                problems.add("KafkaTopic " + name + " is not a topic the app uses " + expected.keySet());
                return;
            }
            JsonNode spec = t.path("spec");
            if (!t.path("metadata")
                    .path("labels")
                    .path("strimzi.io/cluster")
                    .asText()
                    .equals(clusterName())) {
                problems.add("KafkaTopic " + name + " does not belong to cluster " + clusterName()
                        + " (label strimzi.io/cluster)");
            }
            if (spec.path("partitions").asInt() != partitions) {
                problems.add(
                        "KafkaTopic " + name + " has " + spec.path("partitions").asInt() + " partitions, the "
                                + "bulletin-topics Job expects " + partitions);
            }
            int replicas = spec.path("replicas").asInt();
            if (replicas < 3) {
                problems.add("KafkaTopic " + name + " has " + replicas + " replicas: 3 keep acknowledged records "
                        + "through the loss of a broker");
            }
            Map<String, String> want = new TreeMap<>(expected.get(name));
            want.putIfAbsent("min.insync.replicas", minIsr.apply(replicas));
            Map<String, String> have = new TreeMap<>();
            spec.path("config")
                    .fields()
                    .forEachRemaining(e -> have.put(e.getKey(), e.getValue().asText()));
            if (!have.equals(want)) {
                problems.add("KafkaTopic " + name + " has config " + have + ", 'bulletin topics' expects " + want);
            }
        });
        return problems;
    }

    /** The users' permissions, expanded to one {@link Acl} per operation; user name -> permissions. */
    Map<String, Set<Acl>> grants() {
        Map<String, Set<Acl>> out = new LinkedHashMap<>();
        for (JsonNode user : ofKind("KafkaUser")) {
            Set<Acl> acls = new TreeSet<>();
            for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
                JsonNode r = rule.path("resource");
                String pattern = r.path("patternType").asText("literal");
                List<String> ops = new ArrayList<>();
                rule.path("operations").forEach(op -> ops.add(op.asText()));
                if (rule.has("operation")) {
                    ops.add(rule.path("operation").asText());
                }
                if (!rule.path("type").asText("allow").equals("allow")) {
                    continue; // deny rules take nothing away from what is checked here
                }
                ops.forEach(op ->
                        acls.add(new Acl(r.path("type").asText(), r.path("name").asText(), pattern, op)));
            }
            out.put(user.path("metadata").path("name").asText(), acls);
        }
        return out;
    }

    /** Every KafkaUser logs in with SCRAM-SHA-512 and is granted exactly what its stage needs ({@code expected}). */
    List<String> userProblems(Map<String, Set<Acl>> expected) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<Acl>> grants = grants();
        expected.forEach((user, needs) -> {
            if (!grants.containsKey(user)) {
                problems.add("no KafkaUser " + user);
                return;
            }
            Set<Acl> missing = new TreeSet<>(needs);
            missing.removeAll(grants.get(user));
            Set<Acl> extra = new TreeSet<>(grants.get(user));
            extra.removeAll(needs);
            if (!missing.isEmpty()) {
                problems.add("KafkaUser " + user + " lacks " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add("KafkaUser " + user + " is granted more than its stage uses: " + extra);
            }
        });
        for (JsonNode user : ofKind("KafkaUser")) {
            String name = user.path("metadata").path("name").asText();
            if (!expected.containsKey(name)) {
                problems.add("KafkaUser " + name + " belongs to no stage " + expected.keySet());
            }
            if (!user.path("spec").path("authentication").path("type").asText().equals("scram-sha-512")) {
                problems.add("KafkaUser " + name + " does not authenticate with scram-sha-512");
            }
            if (!user.path("metadata")
                    .path("labels")
                    .path("strimzi.io/cluster")
                    .asText()
                    .equals(clusterName())) {
                problems.add("KafkaUser " + name + " does not belong to cluster " + clusterName());
            }
        }
        return problems;
    }

    /**
     * A KRaft cluster of at least 3 brokers (node pools), a TLS listener with SCRAM-SHA-512 and ACLs enforced, and
     * replication settings under which acks=all survives the loss of one broker, for Bulletin's and Kafka's own topics.
     */
    List<String> clusterProblems() {
        List<String> problems = new ArrayList<>();
        JsonNode kafka = kafka().path("spec").path("kafka");
        if (clientListener() == null) {
            problems.add("Kafka " + clusterName() + " has no listener with tls: true and scram-sha-512 authentication");
        }
        if (!kafka.path("authorization").path("type").asText().equals("simple")) {
            problems.add("Kafka " + clusterName() + " does not enforce ACLs (authorization type simple)");
        }
        Map<String, String> want = Map.of(
                "default.replication.factor", "3",
                "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2");
        want.forEach((key, value) -> {
            if (!kafka.path("config").path(key).asText().equals(value)) {
                problems.add("Kafka " + clusterName() + ": " + key + " is '"
                        + kafka.path("config").path(key).asText() + "', expected " + value);
            }
        });
        Set<String> roles = new LinkedHashSet<>();
        int brokers = 0;
        for (JsonNode pool : ofKind("KafkaNodePool")) {
            if (!pool.path("metadata")
                    .path("labels")
                    .path("strimzi.io/cluster")
                    .asText()
                    .equals(clusterName())) {
                problems.add("KafkaNodePool "
                        + pool.path("metadata").path("name").asText() + " belongs to no cluster " + "of this example");
            }
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            for (JsonNode r : pool.path("spec").path("roles")) {
                if (r.asText().equals("broker")) {
                    brokers += pool.path("spec").path("replicas").asInt();
                }
            }
        }
        if (!roles.containsAll(List.of("broker", "controller"))) {
            problems.add("the node pools give the roles " + roles + ": KRaft needs brokers and controllers");
        }
        if (brokers < 3) {
            problems.add("the node pools hold " + brokers + " broker(s): replication factor 3 needs at least 3");
        }
        return problems;
    }
}
