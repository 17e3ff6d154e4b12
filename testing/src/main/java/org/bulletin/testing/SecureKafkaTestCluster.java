package org.bulletin.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft cluster in-process whose client listener speaks TLS with SASL SCRAM-SHA-512 and whose
 * StandardAuthorizer denies whatever no ACL allows: the secured cluster of issue #19, on loopback, for integration
 * tests. A key and self-signed certificate are generated at start with the JDK's {@code keytool} into a PKCS12
 * keystore, and the certificate into a PKCS12 truststore, in a temporary folder (so no certificate library joins the
 * test class path for it).
 *
 * <p>Two plaintext listeners stay inside: the controller's and {@code INTERNAL} (inter-broker, and the test's own
 * super-user admin, {@link #admin()}), whose unauthenticated principal {@code User:ANONYMOUS} is a super user. A client
 * reaches the secured listener at {@link #secureBootstrapServers()} with {@link #clientConfig(String, String)}.
 *
 * <p>Like {@link KafkaTestCluster} it wraps Kafka's internal {@link KafkaClusterTestKit} (pinned to Kafka 4.3.1).
 */
public final class SecureKafkaTestCluster implements AutoCloseable {

    /** The SASL_SSL listener the stages use. */
    public static final String SECURE_LISTENER = "SECURE";

    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String INTERNAL_LISTENER = "INTERNAL";
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecureKafkaTestCluster.class);

    private final KafkaClusterTestKit kit;
    private final Path tlsDir;
    private final Path truststore;
    private final String truststorePassword;

    private SecureKafkaTestCluster(KafkaClusterTestKit kit, Path tlsDir, Path truststore, String truststorePassword) {
        this.kit = kit;
        this.tlsDir = tlsDir;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    /** Generates the TLS material, formats and starts a combined broker+controller node, waits until it serves. */
    public static SecureKafkaTestCluster start() {
        long t0 = System.nanoTime();
        Path tls = null;
        try {
            tls = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "secure-kafka-tls");
            String keyPassword = UUID.randomUUID().toString();
            String trustPassword = UUID.randomUUID().toString();
            Path keystore = tls.resolve("broker.p12");
            Path truststore = tls.resolve("truststore.p12");
            // A self-signed certificate valid for the loopback names, so clients verify the host name as in production
            // (ssl.endpoint.identification.algorithm=https, the default).
            keytool(
                    "-genkeypair",
                    "-alias",
                    "broker",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-sigalg",
                    "SHA256withECDSA",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    keyPassword,
                    "-keypass",
                    keyPassword);
            // The truststore is written here rather than by two more keytool runs (a JVM start each, seconds on a
            // busy machine).
            writeTruststore(keystore, keyPassword, truststore, trustPassword);

            long tlsMillis = (System.nanoTime() - t0) / 1_000_000;
            String secure = "listener.name." + SECURE_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBrokerListenerName(new ListenerName(INTERNAL_LISTENER))
                            .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                            .build())
                    // The test kit binds its own listeners (INTERNAL, CONTROLLER) on prebound ports; SECURE binds an
                    // ephemeral port of its own, advertised as bound.
                    .setConfigProp(
                            "listeners",
                            INTERNAL_LISTENER + "://localhost:0,CONTROLLER://localhost:0," + SECURE_LISTENER
                                    + "://127.0.0.1:0")
                    .setConfigProp(
                            "listener.security.protocol.map",
                            INTERNAL_LISTENER + ":PLAINTEXT,CONTROLLER:PLAINTEXT," + SECURE_LISTENER + ":SASL_SSL")
                    .setConfigProp(secure + "sasl.enabled.mechanisms", MECHANISM)
                    .setConfigProp(
                            secure + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                    .setConfigProp(secure + "ssl.keystore.type", "PKCS12")
                    .setConfigProp(secure + "ssl.keystore.location", keystore.toString())
                    .setConfigProp(secure + "ssl.keystore.password", keyPassword)
                    .setConfigProp(secure + "ssl.key.password", keyPassword)
                    .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .setConfigProp("allow.everyone.if.no.acl.found", "false")
                    // The plaintext listeners are inside the test only: the broker itself, the controller and the
                    // test's admin are unauthenticated there.
                    .setConfigProp("super.users", "User:ANONYMOUS")
                    // As KafkaTestCluster (recipe): only with the production metadata version, or the controller dies.
                    .setConfigProp("unstable.api.versions.enable", "false")
                    .setConfigProp("unstable.feature.versions.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            SecureKafkaTestCluster cluster = new SecureKafkaTestCluster(kit, tls, truststore, trustPassword);
            LOG.info(
                    "secured Kafka test cluster: SASL_SSL on {} ready in {} ms (key and certificate {} ms)",
                    cluster.secureBootstrapServers(),
                    (System.nanoTime() - t0) / 1_000_000,
                    tlsMillis);
            return cluster;
        } catch (Exception e) {
            deleteQuietly(tls);
            throw new IllegalStateException("could not start the secured in-process Kafka test cluster", e);
        }
    }

    /** The SASL_SSL listener, {@code 127.0.0.1:<port>}. */
    public String secureBootstrapServers() {
        int port = kit.brokers().values().iterator().next().boundPort(new ListenerName(SECURE_LISTENER));
        return "127.0.0.1:" + port;
    }

    /** The internal plaintext listener, where every client is the super user {@code User:ANONYMOUS}. */
    public String internalBootstrapServers() {
        return kit.bootstrapServers();
    }

    /**
     * What a client of {@code user} needs on the secured listener: SASL_SSL, SCRAM-SHA-512 with the user's JAAS line,
     * and the PKCS12 truststore holding the broker's certificate. Keys as Kafka's client configs name them.
     */
    public Map<String, String> clientConfig(String user, String password) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", MECHANISM);
        c.put("sasl.jaas.config", jaasConfig(user, password));
        c.put("ssl.truststore.type", "PKCS12");
        c.put("ssl.truststore.location", truststore.toString());
        c.put("ssl.truststore.password", truststorePassword);
        return c;
    }

    /** The client's JAAS line for SCRAM, quoting the user name and password as JAAS requires. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(user)
                + "\" password=\"" + escape(password) + "\";";
    }

    /** A new super-user admin client on the internal listener; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers()));
    }

    /** Creates SCRAM-SHA-512 users with Admin#alterUserScramCredentials; returns once the broker authenticates them. */
    public void addUsers(Map<String, String> passwordsByUser) {
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> upserts = new ArrayList<>();
        passwordsByUser.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(
                user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create SCRAM users " + passwordsByUser.keySet(), e);
        }
        // The credentials reach the broker through the metadata log: wait until each user can log in.
        passwordsByUser.forEach(this::awaitLogin);
    }

    private void awaitLogin(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>(clientConfig(user, password));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secureBootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(200);
            }
        }
        throw new IllegalStateException("user " + user + " cannot log in on " + secureBootstrapServers(), last);
    }

    /** {@code User:<user>} may do {@code operations} on the resource (an ALLOW ACL from any host). */
    public static List<AclBinding> allow(
            String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        List<AclBinding> out = new ArrayList<>();
        for (AclOperation op : operations) {
            out.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        return out;
    }

    /** Creates the ACLs and returns once the broker's authorizer holds them. */
    public void grant(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            Set<AclBinding> wanted = new HashSet<>(acls);
            long deadline = System.nanoTime() + PROPAGATION.toNanos();
            while (true) {
                Collection<AclBinding> present =
                        admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
                if (present.containsAll(wanted)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ACLs not visible after " + PROPAGATION + ": " + wanted);
                }
                sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating ACLs", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create ACLs " + acls, e);
        }
    }

    /** Creates the topics (replication factor 1) as the super user, unless they exist. */
    public void createTopics(int partitions, Collection<String> names) {
        try (Admin admin = admin()) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + names, e);
        }
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the secured in-process Kafka test cluster", e);
        } finally {
            deleteQuietly(tlsDir);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: the client compiler and the serial collector start it sooner on a busy machine.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + output.strip());
        }
    }

    private static void writeTruststore(Path keystore, String keyPassword, Path truststore, String trustPassword)
            throws java.security.GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, keyPassword.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("bulletin-test-ca", keys.getCertificate("broker"));
        try (var out = Files.newOutputStream(truststore)) {
            trust.store(out, trustPassword.toCharArray());
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder under target/ is harmless
        }
    }
}
