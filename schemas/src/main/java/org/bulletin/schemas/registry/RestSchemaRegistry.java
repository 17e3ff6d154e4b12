package org.bulletin.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API (served by Confluent, and by Apicurio under
 * {@code /apis/ccompat/v7}). Confluent's own Java client (io.confluent:kafka-schema-registry-client) is not available
 * from our Maven mirror, hence this small one over {@code java.net.http} and Jackson.
 *
 * <p>Ids and the schemas behind them never change, so lookups by id and by (subject, schema) are cached for the life
 * of the instance. 5xx answers and connection failures are retried with bounded exponential backoff, then fail with a
 * {@link SchemaRegistryException} naming the subject, the URL and the Confluent error. Thread-safe.
 *
 * <p>HTTP basic authentication (#19): credentials in the URL's user info ({@code https://user:password@host/...},
 * percent-encoded where needed) or given apart as {@code user:password} (Confluent's {@code basic.auth.user.info}) are
 * sent as {@code Authorization: Basic} on every request. The URL this client shows ({@link #url()}, messages, logs)
 * never carries them.
 */
public final class RestSchemaRegistry implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistry.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);

    private final String url;
    private final String authorization;
    private final String user;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    /** A client with 10 s request timeouts and up to 6 attempts per call (about 6 s of backoff in all). */
    public RestSchemaRegistry(String url) {
        this(url, null);
    }

    /**
     * As {@link #RestSchemaRegistry(String)}, with basic-auth credentials {@code user:password} used when the URL has
     * none of its own; null or blank for none.
     */
    public RestSchemaRegistry(String url, String userInfo) {
        this(url, userInfo, Duration.ofSeconds(10), 6, Duration.ofMillis(200));
    }

    /**
     * @param url            base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} (a trailing slash is ignored)
     * @param requestTimeout timeout of one HTTP exchange
     * @param maxAttempts    attempts per call when the registry answers 5xx or cannot be reached (at least 1)
     * @param initialBackoff pause after the first failed attempt; doubled after each further one, capped at 3 s
     */
    public RestSchemaRegistry(String url, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
        this(url, null, requestTimeout, maxAttempts, initialBackoff);
    }

    /** The full form: {@code userInfo} ({@code user:password}) applies when the URL carries no user info. */
    public RestSchemaRegistry(
            String url, String userInfo, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = URI.create(trimmed); // fail fast on a malformed URL
        } catch (IllegalArgumentException e) {
            // Not e's message: java.net.URI quotes the whole URL, password included.
            throw new IllegalArgumentException(
                    "Malformed schema registry URL '" + SchemaRegistries.redact(trimmed)
                            + "'; expected http(s)://[user:password@]host:port/...",
                    null);
        }
        String credentials = uri.getUserInfo();
        if (credentials == null && userInfo != null && !userInfo.isBlank()) {
            credentials = userInfo;
        }
        this.url = SchemaRegistries.redact(trimmed);
        if (credentials == null) {
            this.authorization = null;
            this.user = null;
        } else {
            int colon = credentials.indexOf(':');
            this.user = colon < 0 ? credentials : credentials.substring(0, colon);
            this.authorization =
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        Response response = call(
                "register schema", subject, "POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        if (response.status == SchemaRegistryException.INCOMPATIBLE_SCHEMA) {
            // Apicurio's Confluent API answers the second of two concurrent first registrations of a subject with 409
            // "artifact already exists" where Confluent's returns the id: several enrich instances starting together
            // lost their first records to it (#19). The schema registered under the subject by now is the answer;
            // when it is not there, the 409 stands (an incompatible schema).
            Optional<Integer> existing = lookupAfterConflict(subject, schema);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        response.requireSuccess();
        int id = response.requireField("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private Optional<Integer> lookupAfterConflict(String subject, Schema schema) {
        try {
            return lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            LOG.debug("look-up after a 409 on {} failed: {}", subject, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Response response = call("look up schema", subject, "POST", "/subjects/" + encode(subject), schemaBody(schema));
        if (response.status == 404) {
            return Optional.empty();
        }
        response.requireSuccess();
        int id = response.requireField("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return Optional.of(id);
    }

    @Override
    public Schema byId(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Response response = call("get schema by id " + id, null, "GET", "/schemas/ids/" + id, null);
        response.requireSuccess();
        Schema schema = response.parseSchema(response.requireField("schema").asText());
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        Response response =
                call("get latest version", subject, "GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (response.status == 404) {
            return Optional.empty();
        }
        response.requireSuccess();
        int id = response.requireField("id").asInt();
        Schema schema = schemasById.computeIfAbsent(
                id, i -> response.parseSchema(response.requireField("schema").asText()));
        return Optional.of(new RegisteredSchema(
                subject, id, response.requireField("version").asInt(), schema));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        // ".../versions" (no version) checks every earlier version, ".../versions/latest" only the latest. Confluent
        // picks by level on ".../versions"; Apicurio always checks all there, so choose the endpoint by level here.
        String level = compatibility(subject);
        String versions = level.endsWith("_TRANSITIVE") ? "/versions" : "/versions/latest";
        Response response = call(
                "check compatibility (" + level + ")",
                subject,
                "POST",
                "/compatibility/subjects/" + encode(subject) + versions,
                schemaBody(schema));
        if (response.status == 404) {
            return true; // nothing registered yet, so nothing to be incompatible with
        }
        response.requireSuccess();
        return response.requireField("is_compatible").asBoolean();
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String normalised = normalised(level, subject);
        ObjectNode body = JSON.createObjectNode().put("compatibility", normalised);
        call("set compatibility " + normalised, subject, "PUT", "/config/" + encode(subject), body)
                .requireSuccess();
    }

    @Override
    public void setDefaultCompatibility(String level) {
        String normalised = normalised(level, null);
        ObjectNode body = JSON.createObjectNode().put("compatibility", normalised);
        call("set default compatibility " + normalised, null, "PUT", "/config", body)
                .requireSuccess();
    }

    private String normalised(String level, String subject) {
        try {
            return Compatibility.normalise(level);
        } catch (IllegalArgumentException e) {
            // Checked here because Apicurio answers an unknown level with a 500, which would only be retried.
            throw new SchemaRegistryException(
                    "set compatibility",
                    subject,
                    url,
                    0,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    e.getMessage(),
                    e);
        }
    }

    @Override
    public String compatibility(String subject) {
        Response response = call("get compatibility", subject, "GET", "/config/" + encode(subject), null);
        if (response.status == 404) {
            // No level of its own: the global default applies (Confluent error 40408).
            response = call("get global compatibility", subject, "GET", "/config", null);
        }
        response.requireSuccess();
        return response.requireField("compatibilityLevel").asText();
    }

    @Override
    public String url() {
        return url;
    }

    /** The basic-auth user this client sends, if any (never the password). */
    public Optional<String> basicAuthUser() {
        return Optional.ofNullable(user);
    }

    @Override
    public String toString() {
        return "RestSchemaRegistry[" + url + (user == null ? "" : ", basic auth as " + user) + "]";
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response call(String operation, String subject, String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
            builder.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            String failure;
            Throwable cause = null;
            int status = 0;
            try {
                HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                if (status < 500) {
                    return new Response(operation, subject, status, response.body());
                }
                failure = "HTTP " + status + " " + abbreviate(response.body());
                if (attempt >= maxAttempts) {
                    return new Response(operation, subject, status, response.body());
                }
            } catch (IOException e) {
                failure = e.toString();
                cause = e;
                if (attempt >= maxAttempts) {
                    throw new SchemaRegistryException(
                            operation, subject, url, 0, 0, "unreachable after " + attempt + " attempts: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(operation, subject, url, 0, 0, "interrupted", e);
            }
            LOG.warn(
                    "Schema registry {} {}{}: attempt {}/{} failed ({}); retrying in {} ms",
                    url,
                    operation,
                    subject == null ? "" : " for subject " + subject,
                    attempt,
                    maxAttempts,
                    failure,
                    backoff.toMillis(),
                    cause);
            sleep(backoff, operation, subject);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void sleep(Duration backoff, String operation, String subject) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(operation, subject, url, 0, 0, "interrupted while retrying", e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private record SubjectSchema(String subject, Schema schema) {}

    /** One HTTP answer with the context needed to describe a failure. */
    private final class Response {
        final String operation;
        final String subject;
        final int status;
        final String body;
        private JsonNode json;

        Response(String operation, String subject, int status, String body) {
            this.operation = operation;
            this.subject = subject;
            this.status = status;
            this.body = body;
        }

        JsonNode json() {
            if (json == null) {
                try {
                    json = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
                } catch (IOException e) {
                    throw new SchemaRegistryException(
                            operation, subject, url, status, 0, "answer is not JSON: " + abbreviate(body), e);
                }
            }
            return json;
        }

        void requireSuccess() {
            if (status >= 200 && status < 300) {
                return;
            }
            int code = 0;
            String message = abbreviate(body);
            try {
                JsonNode node = JSON.readTree(body == null ? "" : body);
                if (node != null && node.has("error_code")) {
                    code = node.get("error_code").asInt();
                    message = node.path("message").asText(message);
                }
            } catch (IOException notJson) {
                // keep the raw body as the message: a proxy's HTML error page is still worth showing
            }
            if (status == 401 || status == 403) {
                message = (user == null
                                ? "the registry wants credentials: put them in the URL"
                                        + " (https://user:password@host/...) or in bulletin.registry.basic.auth.user.info"
                                : "the registry refused user '" + user + "' (check the password, and the user's"
                                        + " rights on the registry)")
                        + (message.isBlank() ? "" : "; it said: " + message);
            }
            throw new SchemaRegistryException(operation, subject, url, status, code, message, null);
        }

        JsonNode requireField(String name) {
            JsonNode node = json().get(name);
            if (node == null || node.isNull()) {
                throw new SchemaRegistryException(
                        operation, subject, url, status, 0, "answer has no '" + name + "': " + abbreviate(body), null);
            }
            return node;
        }

        Schema parseSchema(String text) {
            try {
                return new Schema.Parser().parse(text);
            } catch (SchemaParseException e) {
                throw new SchemaRegistryException(
                        operation,
                        subject,
                        url,
                        status,
                        0,
                        "registry returned a schema Avro cannot parse: " + e.getMessage(),
                        e);
            }
        }
    }
}
