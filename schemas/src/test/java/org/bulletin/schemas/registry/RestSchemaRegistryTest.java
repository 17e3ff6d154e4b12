package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The REST client against a scripted stub registry on 127.0.0.1: retries, caching, error reporting. */
class RestSchemaRegistryTest {

    private static final String SCHEMA_JSON =
            "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Item\\\",\\\"namespace\\\":\\\"test\\\","
                    + "\\\"fields\\\":[{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    private HttpServer server;
    private String url;
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private RestSchemaRegistry client() {
        return new RestSchemaRegistry(url, Duration.ofSeconds(5), 4, Duration.ofMillis(10));
    }

    @Test
    void shouldRetryServerErrorsThenSucceedAndCacheById() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/apis/ccompat/v7/schemas/ids/7", exchange -> {
            int call = calls.incrementAndGet();
            if (call <= 2) {
                respond(exchange, 503, "{\"error_code\":50301,\"message\":\"warming up\"}");
            } else {
                respond(exchange, 200, SCHEMA_JSON);
            }
        });
        RestSchemaRegistry registry = client();

        assertThat(registry.byId(7).getFullName()).isEqualTo("test.Item");
        assertThat(calls).hasValue(3);
        assertThat(registry.byId(7).getFullName()).isEqualTo("test.Item");
        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldNotRetryClientErrorsAndNameSubjectUrlAndConfluentError() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/apis/ccompat/v7/subjects/orders-value/versions", exchange -> {
            calls.incrementAndGet();
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            respond(exchange, 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        });

        assertThatThrownBy(() -> client().register("orders-value", InMemorySchemaRegistryTest.V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo("orders-value");
                })
                .hasMessageContaining("orders-value")
                .hasMessageContaining(url)
                .hasMessageContaining("error_code 409")
                .hasMessageContaining("Schema being registered is incompatible");
        assertThat(calls).hasValue(1);
        assertThat(contentTypes).containsExactly("application/vnd.schemaregistry.v1+json");
    }

    @Test
    @Tag("issue-19")
    void shouldTakeTheRegisteredIdWhenAConcurrentRegistrationWonTheRace() {
        AtomicInteger registrations = new AtomicInteger();
        server.createContext("/apis/ccompat/v7/subjects/orders-value/versions", exchange -> {
            registrations.incrementAndGet();
            // What Apicurio answers the loser of two simultaneous first registrations of a subject.
            respond(
                    exchange,
                    409,
                    "{\"error_code\":409,\"message\":\"An artifact with ID 'orders-value' in group 'null' already"
                            + " exists.\"}");
        });
        server.createContext(
                "/apis/ccompat/v7/subjects/orders-value",
                exchange -> respond(exchange, 200, "{\"subject\":\"orders-value\",\"id\":5,\"version\":1}"));
        RestSchemaRegistry registry = client();

        assertThat(registry.register("orders-value", InMemorySchemaRegistryTest.V1))
                .isEqualTo(5);
        assertThat(registry.register("orders-value", InMemorySchemaRegistryTest.V1))
                .isEqualTo(5);
        assertThat(registrations).hasValue(1);
    }

    @Test
    void shouldGiveUpAfterBoundedAttemptsOnPersistentServerError() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/apis/ccompat/v7/subjects/orders-value/versions/latest", exchange -> {
            calls.incrementAndGet();
            respond(exchange, 500, "{\"error_code\":50001,\"message\":\"store down\"}");
        });

        assertThatThrownBy(() -> client().latest("orders-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(50001))
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("store down");
        assertThat(calls).hasValue(4);
    }

    @Test
    void shouldRetryUnreachableRegistryThenFailNamingUrl() {
        server.stop(0);

        assertThatThrownBy(() -> client().lookup("orders-value", InMemorySchemaRegistryTest.V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isZero())
                .hasMessageContaining(url)
                .hasMessageContaining("orders-value")
                .hasMessageContaining("after 4 attempts");
    }

    @Test
    void shouldTreatNotFoundAsEmptyAndCacheLookups() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/apis/ccompat/v7/subjects/", exchange -> {
            calls.incrementAndGet();
            if (exchange.getRequestURI().getPath().endsWith("/known-value")) {
                respond(exchange, 200, "{\"subject\":\"known-value\",\"id\":3,\"version\":1}");
            } else {
                respond(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
            }
        });
        RestSchemaRegistry registry = client();

        assertThat(registry.lookup("unknown-value", InMemorySchemaRegistryTest.V1))
                .isEmpty();
        assertThat(registry.latest("unknown-value")).isEmpty();
        assertThat(registry.lookup("known-value", InMemorySchemaRegistryTest.V1))
                .hasValue(3);
        assertThat(registry.lookup("known-value", InMemorySchemaRegistryTest.V1))
                .hasValue(3);
        assertThat(calls).hasValue(3);
        // the looked-up schema is now known by id without asking
        assertThat(registry.byId(3)).isEqualTo(InMemorySchemaRegistryTest.V1);
    }

    @Test
    void shouldRejectUnknownCompatibilityLevelWithoutCallingRegistry() {
        assertThatThrownBy(() -> client().setCompatibility("orders-value", "SIDEWAYS"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL))
                .hasMessageContaining("orders-value");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
