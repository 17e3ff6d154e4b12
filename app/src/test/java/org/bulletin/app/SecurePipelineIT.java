package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.bulletin.app.access.KafkaAccessDeniedException;
import org.bulletin.app.access.KafkaPermission;
import org.bulletin.app.access.StagePermissions;
import org.bulletin.app.config.Settings;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.IngestCounts;
import org.bulletin.ingest.Ingestor;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.RegistryProcess;
import org.bulletin.testing.PostgresTestDatabase;
import org.bulletin.testing.SecureKafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a secured cluster (#19): TLS with SASL SCRAM-SHA-512 on the client listener, the StandardAuthorizer
 * denying all but the ACLs each stage's principal holds (exactly {@link StagePermissions}, which docs/security.md
 * lists). Each stage gets its security settings only through the {@code KAFKA_*} / {@code kafka.*} pass-through, as an
 * operator gives them; a stage run as the wrong principal stops at start with a message naming what it lacks.
 */
@Tag("issue-19")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurePipelineIT {

    private static final Logger LOG = LoggerFactory.getLogger(SecurePipelineIT.class);

    private static final Map<String, String> PASSWORDS = Map.of(
            "ingest", "ingest-" + UUID.randomUUID(),
            "enrich", "enrich-" + UUID.randomUUID(),
            "publish", "publish-" + UUID.randomUUID(),
            // enrich's ACLs for its own application id, all but READ on the raw topic
            "enrich-without-raw", "partial-" + UUID.randomUUID(),
            // publish's ACLs for its own group and relay, all but WRITE on the relay's transactional id
            "publish-without-transactions", "partial-" + UUID.randomUUID());

    private static final String PARTIAL_APP = "bulletin-enrich-partial";
    private static final Map<String, String> PARTIAL_PUBLISH = Map.of(
            PublishConfig.GROUP_ID, "bulletin-publish-partial",
            PublishConfig.TRANSACTIONAL_ID, "bulletin-publish-partial-relay");

    private Path dir;
    private RegistryProcess registry;
    private SecureKafkaTestCluster kafka;
    private PostgresTestDatabase db;
    private Topics topics;
    private final List<AutoCloseable> stages = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "secure-pipeline-it");
        // The registry's JVM boots while the broker starts here.
        registry = RegistryProcess.launch(
                RegistryProcess.locateJar(dir.resolve("registry-cache")),
                RegistryProcess.freePort(),
                dir.resolve("registry.log"),
                dir.resolve("registry"));
        kafka = SecureKafkaTestCluster.start();
        long clusterMs = (System.nanoTime() - t0) / 1_000_000;
        db = PostgresTestDatabase.create();
        kafka.addUsers(PASSWORDS);
        long usersMs = (System.nanoTime() - t0) / 1_000_000;
        registry.awaitReady();
        long registryMs = (System.nanoTime() - t0) / 1_000_000;

        // The operator's part, as the super user on the inside listener: topics, schemas, then each stage's ACLs.
        CommandResult topicsRun = CommandResult.run(
                "topics", "--bootstrap", kafka.internalBootstrapServers(), "--registry", registry.url());
        assertThat(topicsRun.exit()).as("topics: %s", topicsRun.err()).isZero();
        topics = CommandSupport.topics(settings("ingest", Map.of()));
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(acls("ingest", StagePermissions.ingest(topics)));
        acls.addAll(acls("enrich", StagePermissions.enrich(new EnrichConfig(Map.of()), topics)));
        acls.addAll(acls("publish", StagePermissions.publish(new PublishConfig(Map.of()), topics, false)));
        acls.addAll(acls(
                "enrich-without-raw",
                StagePermissions.enrich(new EnrichConfig(Map.of(EnrichConfig.APPLICATION_ID, PARTIAL_APP)), topics)
                        .stream()
                        .filter(p -> !p.describe().equals("READ topic " + topics.raw()))
                        .toList()));
        acls.addAll(acls(
                "publish-without-transactions",
                StagePermissions.publish(new PublishConfig(PARTIAL_PUBLISH), topics, false).stream()
                        .filter(p -> p.resource() != ResourceType.TRANSACTIONAL_ID)
                        .toList()));
        kafka.grant(acls);
        LOG.info(
                "set up in {} ms: cluster at {} ms, users at {} ms, registry at {} ms, then topics and ACLs",
                (System.nanoTime() - t0) / 1_000_000,
                clusterMs,
                usersMs,
                registryMs);
    }

    @AfterAll
    void stop() throws Exception {
        for (int i = stages.size() - 1; i >= 0; i--) {
            stages.get(i).close();
        }
        for (AutoCloseable c : new AutoCloseable[] {registry, kafka, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void shouldCarryTheSampleScrapeFromIngestToTheStoreThroughTlsSaslAndAcls() throws Exception {
        String bootstrap = kafka.secureBootstrapServers();
        // publish from a config file's kafka.* keys, enrich and ingest from KAFKA_* environment variables.
        Settings publishSettings = Settings.load(configFile("publish"), Map.of(), publishKeys());
        StageFactory.checkAccess(
                "publish",
                publishSettings,
                bootstrap,
                StagePermissions.publish(new PublishConfig(publishSettings.bulletin()), topics, false));
        Publisher publisher =
                StageFactory.publisher(publishSettings, CommandSupport.topics(publishSettings), bootstrap);
        stages.add(publisher);

        Settings enrichSettings = settings(
                "enrich", Map.of(EnrichConfig.STATE_DIR, dir.resolve("streams").toString()));
        EnrichConfig enrichConfig = new EnrichConfig(enrichSettings.bulletin());
        StageFactory.checkAccess("enrich", enrichSettings, bootstrap, StagePermissions.enrich(enrichConfig, topics));
        EnrichService enrich = EnrichService.start(
                enrichConfig, CommandSupport.topics(enrichSettings), bootstrap, enrichSettings.kafka());
        stages.add(enrich);

        Settings ingestSettings = settings("ingest", Map.of(IngestConfig.DATA_DIR, dir.toString()));
        StageFactory.checkAccess("ingest", ingestSettings, bootstrap, StagePermissions.ingest(topics));
        Ingestor ingestor = StageFactory.ingestor(ingestSettings, CommandSupport.topics(ingestSettings), bootstrap);
        stages.add(ingestor);

        Path sample = Path.of(getClass().getResource("/sample-raw-scrape.txt").toURI());
        IngestCounts counts = ingestor.ingestPaths(List.of(sample), false, "secure-it");
        assertThat(counts.published()).isEqualTo(1);

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (storedReleases() < 5
                && System.nanoTime() < deadline
                && !enrich.failure().isDone()) {
            Thread.sleep(250);
        }
        assertThat(enrich.failure()).as("enrich failure").isNotDone();
        assertThat(publisher.failure()).as("publish failure").isNotDone();
        assertThat(storedReleases()).as("releases in the store").isEqualTo(5);
        assertThat(notifications(5, Duration.ofSeconds(60)))
                .extracting(Notification::getReleaseId)
                .hasSize(5)
                .doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a guard against a hang, not a measure: the check bounds itself
    void shouldRefuseToStartEnrichAsTheIngestPrincipalNamingTopicAndOperation() throws Exception {
        Path ingestClient = configFile("ingest");

        CommandResult run = CommandResult.run(
                "enrich",
                "--bootstrap",
                kafka.secureBootstrapServers(),
                "--registry",
                registry.url(),
                "--config",
                ingestClient.toString(),
                "--set",
                EnrichConfig.STATE_DIR + "=" + dir.resolve("streams-refused"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("enrich is not authorised to READ topic " + topics.raw())
                .contains("READ group bulletin-enrich")
                .contains("ALL topics prefixed 'bulletin-enrich-'")
                .contains("WRITE transactional ids prefixed 'bulletin-enrich-'")
                .contains("Kafka principal User:ingest")
                .contains("docs/security.md")
                .contains("kafka-acls.sh --bootstrap-server " + kafka.secureBootstrapServers())
                .contains("--allow-principal User:ingest --operation Read --topic " + topics.raw())
                .doesNotContain(PASSWORDS.get("ingest"))
                .doesNotContain("\tat "); // one message, no stack trace
        // What ingest itself may do is not reported missing.
        assertThat(run.err()).doesNotContain("WRITE topic " + topics.dlq());
    }

    @Test
    @Order(3)
    void shouldNameWhatPublishAndIngestLackWhenRunAsAnotherPrincipal() {
        String bootstrap = kafka.secureBootstrapServers();
        Settings asIngest = settings("ingest", Map.of());
        assertThatThrownBy(() -> StageFactory.checkAccess(
                        "publish",
                        asIngest,
                        bootstrap,
                        StagePermissions.publish(new PublishConfig(Map.of()), topics, false)))
                .isInstanceOfSatisfying(
                        KafkaAccessDeniedException.class,
                        e -> assertThat(e.missing())
                                .extracting(KafkaPermission::describe)
                                .containsExactly(
                                        "READ topic " + topics.enriched(),
                                        "READ group bulletin-publish",
                                        "WRITE topic " + topics.notifications(),
                                        "READ topic " + topics.notifications(),
                                        "WRITE transactional id bulletin-publish-relay",
                                        "READ group bulletin-publish-relay.position"))
                .hasMessageStartingWith("publish is not authorised to READ topic " + topics.enriched());

        Settings asPublish = settings("publish", Map.of());
        assertThatThrownBy(
                        () -> StageFactory.checkAccess("ingest", asPublish, bootstrap, StagePermissions.ingest(topics)))
                .isInstanceOfSatisfying(
                        KafkaAccessDeniedException.class,
                        e -> assertThat(e.missing())
                                .extracting(KafkaPermission::describe)
                                .containsExactly("WRITE topic " + topics.raw()));
    }

    @Test
    @Order(4)
    void shouldSayWhatToCheckWhenTheLoginOrTheTlsHandshakeFails() {
        String wrong = "not-the-password-" + UUID.randomUUID();
        Map<String, String> env = environment("ingest");
        env.put("KAFKA_SASL_JAAS_CONFIG", SecureKafkaTestCluster.jaasConfig("ingest", wrong));
        Settings settings = Settings.load(null, env, Map.of());

        assertThatThrownBy(() -> StageFactory.checkAccess(
                        "ingest", settings, kafka.secureBootstrapServers(), StagePermissions.ingest(topics)))
                .isInstanceOf(KafkaAccessDeniedException.class)
                .hasMessageContaining("ingest cannot authenticate to Kafka at " + kafka.secureBootstrapServers())
                .hasMessageContaining("as User:ingest")
                .hasMessageContaining("sasl.jaas.config")
                .hasMessageNotContaining(wrong);

        // A truststore without the brokers' CA (the JDK's own): the TLS handshake fails, and the message says so.
        Map<String, String> untrusting = environment("ingest");
        untrusting.put(
                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                        .toString());
        untrusting.put("KAFKA_SSL_TRUSTSTORE_TYPE", "JKS");
        untrusting.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit");
        Settings noTrust = Settings.load(null, untrusting, Map.of());
        assertThatThrownBy(() -> StageFactory.checkAccess(
                        "ingest", noTrust, kafka.secureBootstrapServers(), StagePermissions.ingest(topics)))
                .isInstanceOf(KafkaAccessDeniedException.class)
                .hasMessageContaining("ingest cannot authenticate to Kafka at " + kafka.secureBootstrapServers())
                .hasMessageContaining("SSL handshake failed")
                .hasMessageContaining("ssl.truststore.*");
    }

    @Test
    @Order(5)
    void shouldFailEnrichsStartWithTheRefusalWhenItsGlobalStoreMayNotBeRead() {
        // Past the start-up check: Streams meets the refusal itself, first in the global store's thread.
        Settings asIngest = settings(
                "ingest",
                Map.of(
                        EnrichConfig.STATE_DIR,
                        dir.resolve("streams-as-ingest").toString(),
                        EnrichConfig.APPLICATION_ID,
                        "bulletin-enrich-as-ingest"));

        assertThatThrownBy(() -> EnrichService.start(
                                new EnrichConfig(asIngest.bulletin()),
                                CommandSupport.topics(asIngest),
                                kafka.secureBootstrapServers(),
                                asIngest.kafka())
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("enrich cannot start: Kafka refused it")
                .hasMessageContaining(topics.signatures())
                .hasMessageContaining("docs/security.md");
    }

    @Test
    @Order(6)
    void shouldStopEnrichRatherThanReplaceItsThreadsWhenKafkaRefusesItsInput() throws Exception {
        Settings partial = settings(
                "enrich-without-raw",
                Map.of(
                        EnrichConfig.STATE_DIR,
                        dir.resolve("streams-partial").toString(),
                        EnrichConfig.APPLICATION_ID,
                        PARTIAL_APP));
        try (EnrichService enrich = EnrichService.start(
                new EnrichConfig(partial.bulletin()),
                CommandSupport.topics(partial),
                kafka.secureBootstrapServers(),
                partial.kafka())) {
            // A replaced thread would meet the same refusal forever; the app stops instead, and says why.
            Throwable failure = enrich.failure().get(120, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(AuthorizationException.class).hasMessageContaining(topics.raw());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (enrich.state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(enrich.state()).isEqualTo(KafkaStreams.State.ERROR);
        }
    }

    @Test
    @Order(7)
    void shouldStopPublishWhenItsRelayMayNotUseItsTransactionalId() throws Exception {
        Map<String, String> keys = new HashMap<>(PARTIAL_PUBLISH);
        keys.put(PublishConfig.DATA_DIR, dir.resolve("publish-partial").toString()); // its own H2 store
        keys.put(PublishConfig.API_PORT, "0");
        Settings partial = settings("publish-without-transactions", keys);
        try (Publisher publisher =
                StageFactory.publisher(partial, CommandSupport.topics(partial), kafka.secureBootstrapServers())) {
            // Before, the relay stopped on its own while the stage went on serving without notifications.
            Throwable failure = publisher.failure().get(120, TimeUnit.SECONDS);
            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the notification relay may not do its work on Kafka")
                    .hasMessageContaining("docs/security.md")
                    .hasRootCauseInstanceOf(TransactionalIdAuthorizationException.class);
            assertThat(publisher.health().healthy()).isFalse();
            assertThat(publisher.health().snapshot().get("publish").state()).isEqualTo(Health.State.DOWN);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The client settings of {@code user} as an operator exports them: {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL}... */
    private Map<String, String> environment(String user) {
        Map<String, String> env = new LinkedHashMap<>();
        kafka.clientConfig(user, PASSWORDS.get(user))
                .forEach((key, value) ->
                        env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        env.put("BULLETIN_REGISTRY_URL", registry.url());
        return env;
    }

    private Settings settings(String user, Map<String, String> cli) {
        return Settings.load(null, environment(user), cli);
    }

    /** A config file holding {@code user}'s client settings as {@code kafka.*} keys, and the registry URL. */
    private Path configFile(String user) throws Exception {
        Properties p = new Properties();
        kafka.clientConfig(user, PASSWORDS.get(user)).forEach((key, value) -> p.setProperty("kafka." + key, value));
        p.setProperty("bulletin.registry.url", registry.url());
        Path file = dir.resolve(user + "-client.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, user + "'s Kafka client settings");
        }
        return file;
    }

    private Map<String, String> publishKeys() {
        Map<String, String> cli = new HashMap<>();
        cli.put(PublishConfig.STORE_URL, db.jdbcUrl());
        cli.put(PublishConfig.STORE_USER, db.user());
        cli.put(PublishConfig.DATA_DIR, dir.resolve("publish").toString());
        cli.put(PublishConfig.API_PORT, "0");
        return cli;
    }

    private static List<AclBinding> acls(String user, List<KafkaPermission> permissions) {
        return permissions.stream()
                .map(p -> new AclBinding(
                        new ResourcePattern(p.resource(), p.name(), p.pattern()),
                        new AccessControlEntry("User:" + user, "*", p.operation(), AclPermissionType.ALLOW)))
                .toList();
    }

    private long storedReleases() {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM releases")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0; // the table appears when publish has migrated the store
        }
    }

    /** Committed notifications, read as the super user on the inside listener. */
    private List<Notification> notifications(int atLeast, Duration within) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.internalBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Notification> out = new ArrayList<>();
        try (KafkaConsumer<String, Notification> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), topics.notificationSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.notifications()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && out.size() < atLeast) {
                for (ConsumerRecord<String, Notification> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
