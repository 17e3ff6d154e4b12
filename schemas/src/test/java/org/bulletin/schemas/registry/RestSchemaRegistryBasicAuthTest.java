package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The REST client against a loopback registry that wants HTTP basic authentication (#19): credentials from the URL's
 * user info or given apart, sent as {@code Authorization: Basic}, and never shown in a URL, message or log line.
 */
@Tag("issue-19")
class RestSchemaRegistryBasicAuthTest {

    private static final String USER = "bulletin reader";
    private static final String PASSWORD = "p@ss:w/rd%é";
    private static final String SCHEMA_JSON =
            "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Item\\\",\\\"namespace\\\":\\\"test\\\","
                    + "\\\"fields\\\":[{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    private HttpServer server;
    private String hostAndPath;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();

    @BeforeEach
    void startRegistryThatWantsBasicAuth() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.createContext("/apis/ccompat/v7/schemas/ids/7", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (!expected.equals(authorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            } else if (unavailable.getAndDecrement() > 0) {
                respond(exchange, 503, "{\"error_code\":50301,\"message\":\"warming up\"}");
            } else {
                respond(exchange, 200, SCHEMA_JSON);
            }
        });
        server.start();
        hostAndPath = "127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static RestSchemaRegistry client(String url, String userInfo) {
        return new RestSchemaRegistry(url, userInfo, Duration.ofSeconds(5), 3, Duration.ofMillis(10));
    }

    @Test
    void shouldSendTheUrlsUserInfoAsBasicAuthAndNeverShowThePassword() {
        String url = "http://" + encoded(USER) + ":" + encoded(PASSWORD) + "@" + hostAndPath;
        RestSchemaRegistry registry = client(url, null);

        assertThat(registry.byId(7).getFullName()).isEqualTo("test.Item");
        assertThat(authorizations).hasSize(1).allMatch(a -> a.startsWith("Basic "));
        assertThat(registry.url()).isEqualTo("http://" + hostAndPath);
        assertThat(registry.basicAuthUser()).contains(USER);
        assertThat(registry.toString()).contains(USER).doesNotContain(encoded(PASSWORD), PASSWORD);
    }

    @Test
    void shouldSendCredentialsGivenApartFromTheUrl() {
        RestSchemaRegistry registry = client("http://" + hostAndPath, USER + ":" + PASSWORD);

        assertThat(registry.byId(7).getFullName()).isEqualTo("test.Item");
        assertThat(registry.url()).isEqualTo("http://" + hostAndPath);
    }

    @Test
    void shouldPreferTheUrlsOwnCredentials() {
        String url = "http://" + encoded(USER) + ":" + encoded(PASSWORD) + "@" + hostAndPath;

        assertThat(client(url, "someone:else").byId(7).getFullName()).isEqualTo("test.Item");
    }

    @Test
    void shouldSayTheRegistryWantsCredentialsWhenNoneAreConfigured() {
        assertThatThrownBy(() -> client("http://" + hostAndPath, null).byId(7))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("the registry wants credentials")
                .hasMessageContaining("https://user:password@host/");
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void shouldNameTheRefusedUserButNotThePassword() {
        String wrong = "wrong-" + PASSWORD;
        String url = "http://" + encoded(USER) + ":" + encoded(wrong) + "@" + hostAndPath;

        assertThatThrownBy(() -> client(url, null).byId(7))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("the registry refused user '" + USER + "'")
                .hasMessageContaining("http://" + hostAndPath)
                .hasMessageNotContaining(encoded(wrong))
                .hasMessageNotContaining(wrong);
    }

    @Test
    void shouldKeepThePasswordOutOfRetryWarnings() {
        unavailable.set(1);
        Logger logger = (Logger) LoggerFactory.getLogger(RestSchemaRegistry.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            String url = "http://" + encoded(USER) + ":" + encoded(PASSWORD) + "@" + hostAndPath;
            assertThat(client(url, null).byId(7).getFullName()).isEqualTo("test.Item");
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line)
                        .contains("http://" + hostAndPath)
                        .doesNotContain(encoded(PASSWORD))
                        .doesNotContain(PASSWORD));
    }

    @Test
    void shouldConnectThroughTheFactoryWithoutShowingTheUserInfo() {
        SchemaRegistry registry =
                SchemaRegistries.connect("http://" + encoded(USER) + ":" + encoded(PASSWORD) + "@" + hostAndPath);

        assertThat(registry.url()).isEqualTo("http://" + hostAndPath);
        assertThat(registry.byId(7).getFullName()).isEqualTo("test.Item");
    }

    @Test
    void shouldKeepThePasswordOutOfTheMessageAboutABadUrl() {
        assertThatThrownBy(() -> SchemaRegistries.connect("htps://reader:s3cret@registry.example/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("htps://registry.example/x")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SchemaRegistries.connect("https://reader:s3 cret@registry.example/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed schema registry URL 'https://registry.example/x'")
                .hasMessageNotContaining("s3");
    }

    @Test
    void shouldRedactOnlyTheUserInfo() {
        assertThat(SchemaRegistries.redact("https://u:p@host:8081/apis/ccompat/v7?x=a@b"))
                .isEqualTo("https://host:8081/apis/ccompat/v7?x=a@b");
        assertThat(SchemaRegistries.redact("http://host/path@x")).isEqualTo("http://host/path@x");
        assertThat(SchemaRegistries.redact("mem://bulletin")).isEqualTo("mem://bulletin");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
