package org.bulletin.publish.api;

import static org.bulletin.publish.api.JsonReplies.error;
import static org.bulletin.publish.api.JsonReplies.json;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bulletin.publish.Health;
import org.bulletin.publish.console.ConsoleRoutes;
import org.bulletin.publish.console.PipelineView;
import org.bulletin.publish.store.Cursor;
import org.bulletin.publish.store.ReleaseQuery;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.publish.store.StoreUnavailableException;
import org.bulletin.publish.store.StoryQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query API (Javalin): releases, one release with evidence and history, stats, health, Prometheus metrics
 * and the OpenAPI document. Every answer is JSON (except /metrics); bad parameters give 400 with a reason, unknown
 * routes 404, a database outage 503. Extra routes (e.g. ingest's push endpoint) are added through the
 * {@link Builder}. The console's page and routes are {@link ConsoleRoutes}'.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    // Dates and instants as ISO-8601 text (2024-05-01, 2024-05-01T08:00:00Z), as clients have always read them.
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Set<String> LIST_PARAMS =
            Set.of("region", "topic", "country", "language", "source", "q", "from", "to", "limit", "cursor");
    private static final Set<String> STORY_PARAMS = Set.of("region", "topic", "language", "since", "limit", "cursor");
    private static final int MAX_Q = 500;

    private final Javalin app;
    private final String host;
    private final ReleaseStore store;
    private final Health health;
    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    private ApiServer(Builder b) {
        this.store = b.store;
        this.health = b.health;
        this.registry = b.registry;
        this.host = b.host;
        this.openApi = loadOpenApi();
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        app.get("/v1/releases", this::list);
        app.get("/v1/releases/<id>", this::one);
        app.get("/v1/stats", ctx -> json(ctx, 200, store.stats()));
        app.get("/v1/stories", this::stories);
        app.get("/v1/stories/<id>", this::story);
        app.get("/health", this::health);
        app.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        for (Route r : b.routes) {
            app.addHttpHandler(r.type(), r.path(), r.handler());
        }
        // ---- The console (#18): the page at / and the routes it reads; see org.bulletin.publish.console.
        ConsoleRoutes.install(app, store, b.pipeline, b.redriveToken);
        // ---- end of the console
        app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        app.exception(StoreUnavailableException.class, (e, ctx) -> {
            health.report("store", Health.State.DEGRADED, e.getMessage());
            error(ctx, 503, "store_unavailable", "the store is unavailable, retry later");
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            if (!"application/json".equals(ctx.res().getContentType())) {
                error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " " + ctx.path()));
    }

    /** A builder over the store, health and the registry {@code /metrics} scrapes. */
    public static Builder builder(ReleaseStore store, Health health, PrometheusMeterRegistry registry) {
        return new Builder(store, health, registry);
    }

    /** Starts listening on {@code port} (0 = ephemeral; see {@link #port()}). */
    public ApiServer start(int port) {
        app.start(host, port);
        LOG.info("API listening on http://{}:{}", host, port());
        return this;
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------------------------------------ handlers

    private void list(Context ctx) {
        checkParams(ctx, LIST_PARAMS);
        String q = ctx.queryParam("q");
        if (q != null && (q.isBlank() || q.length() > MAX_Q)) {
            throw new BadRequest("q must be 1.." + MAX_Q + " characters");
        }
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequest("from (" + from + ") is after to (" + to + ")");
        }
        int limit = limit(ctx);
        Cursor cursor = cursor(ctx);
        ReleaseQuery query = new ReleaseQuery(
                label(ctx, "region"),
                label(ctx, "topic"),
                label(ctx, "country"),
                label(ctx, "language"),
                label(ctx, "source"),
                q,
                from,
                to,
                limit,
                cursor);
        var page = store.query(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        json(ctx, 200, body);
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        var found = store.find(id);
        if (found.isEmpty()) {
            error(ctx, 404, "not_found", "no release with id '" + id + "'");
            return;
        }
        json(ctx, 200, found.get());
    }

    private void stories(Context ctx) {
        checkParams(ctx, STORY_PARAMS);
        StoryQuery query = new StoryQuery(
                label(ctx, "region"),
                label(ctx, "topic"),
                label(ctx, "language"),
                date(ctx, "since"),
                limit(ctx),
                cursor(ctx));
        var page = store.stories(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        json(ctx, 200, body);
    }

    private void story(Context ctx) {
        String id = ctx.pathParam("id");
        var found = store.story(id);
        if (found.isEmpty()) {
            error(ctx, 404, "not_found", "no story with id '" + id + "'");
            return;
        }
        json(ctx, 200, found.get());
    }

    private void health(Context ctx) {
        // Ask the store now rather than trusting the last report: the API may run without a sink.
        if (store.ping()) {
            if (health.snapshot().get("store") == null
                    || health.snapshot().get("store").state() != Health.State.UP) {
                health.up("store");
            }
        } else {
            health.report("store", Health.State.DOWN, "store does not answer");
        }
        Map<String, Object> components = new LinkedHashMap<>();
        Health.State worst = Health.State.UP;
        for (var e : health.snapshot().entrySet()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", e.getValue().state().name());
            c.put("detail", e.getValue().detail());
            c.put("since", e.getValue().since().toString());
            components.put(e.getKey(), c);
            if (e.getValue().state() != Health.State.UP && worst == Health.State.UP) {
                worst = e.getValue().state() == Health.State.STARTING ? Health.State.STARTING : Health.State.DEGRADED;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", worst.name());
        body.put("components", components);
        json(ctx, worst == Health.State.UP ? 200 : 503, body);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static LocalDate date(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date YYYY-MM-DD: " + v);
        }
    }

    /** Refuses a parameter the route does not know, or one given twice. */
    private static void checkParams(Context ctx, Set<String> allowed) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown parameter '" + name + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
            if (ctx.queryParams(name).size() > 1) {
                throw new BadRequest("parameter '" + name + "' given more than once");
            }
        }
    }

    /** The page size asked for: the default when absent, at most the maximum. */
    private static int limit(Context ctx) {
        String limitParam = ctx.queryParam("limit");
        if (limitParam == null) {
            return ReleaseQuery.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be an integer: " + limitParam);
        }
        if (limit < 1) {
            throw new BadRequest("limit must be at least 1: " + limit);
        }
        return Math.min(limit, ReleaseQuery.MAX_LIMIT);
    }

    private static Cursor cursor(Context ctx) {
        String cursorParam = ctx.queryParam("cursor");
        if (cursorParam == null) {
            return null;
        }
        try {
            return Cursor.decode(cursorParam);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor is not one this API issued");
        }
    }

    private static String label(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v != null && !LABEL.matcher(v).matches()) {
            throw new BadRequest(name + " must match " + LABEL.pattern() + ": " + v);
        }
        return v;
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            return Objects.requireNonNull(in, "openapi.json resource missing").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private record Route(HandlerType type, String path, Handler handler) {}

    /** Collects what the API serves before it starts. */
    public static final class Builder {
        private final ReleaseStore store;
        private final Health health;
        private final PrometheusMeterRegistry registry;
        private final List<Route> routes = new ArrayList<>();
        private String host = "127.0.0.1";
        private PipelineView pipeline;
        private String redriveToken;

        private Builder(ReleaseStore store, Health health, PrometheusMeterRegistry registry) {
            this.store = Objects.requireNonNull(store, "store");
            this.health = Objects.requireNonNull(health, "health");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Adds a route (e.g. {@code route(HandlerType.POST, "/v1/raw", handler)} for ingest's push endpoint). */
        public Builder route(HandlerType type, String path, Handler handler) {
            routes.add(new Route(type, path, handler));
            return this;
        }

        /** Interface to bind; default 127.0.0.1 (use 0.0.0.0 in a container). */
        public Builder host(String bindHost) {
            this.host = Objects.requireNonNull(bindHost, "host");
            return this;
        }

        /**
         * The console's view of the pipeline (flow, dead letters), and the bearer token a dead letter's re-drive must
         * carry (the push endpoint's; null: re-drive off). Without it the console shows the store only.
         */
        public Builder pipeline(PipelineView view, String redriveBearerToken) {
            this.pipeline = Objects.requireNonNull(view, "view");
            this.redriveToken = redriveBearerToken;
            return this;
        }

        public ApiServer build() {
            return new ApiServer(this);
        }
    }
}
