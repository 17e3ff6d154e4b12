package org.bulletin.publish.console;

import static org.bulletin.publish.api.JsonReplies.error;
import static org.bulletin.publish.api.JsonReplies.json;
import static org.bulletin.publish.api.JsonReplies.write;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bulletin.publish.store.ReleaseArrivals;
import org.bulletin.publish.store.ReleaseStore;

/**
 * The console (#18): the web page at {@code /} and the routes it reads besides the release API. {@code /v1/arrivals}
 * comes from the store; {@code /v1/flow} and {@code /v1/dead-letters} from a {@link PipelineView} (Kafka), when the
 * server has one; re-driving a dead letter takes the push endpoint's bearer token, and is off without one. Errors are
 * JSON {@code {"error","reason"}} like the rest of the API.
 */
public final class ConsoleRoutes {

    /** How many of the newest releases the per-source counts read (their JSON column is parsed here). */
    static final int SOURCE_SAMPLE = 5_000;

    static final int MAX_DEAD_LETTERS = 200;
    // Several open pages poll the same counts; one store read serves them all for a few seconds.
    private static final Duration ARRIVALS_TTL = Duration.ofSeconds(5);

    private final ReleaseStore store;
    private final PipelineView pipeline;
    private final BearerToken token;
    private final ConsoleAssets assets = new ConsoleAssets();
    private final Object arrivalsLock = new Object();
    private long arrivalsAt;
    private byte[] arrivalsBody;

    private ConsoleRoutes(ReleaseStore store, PipelineView pipeline, String redriveToken) {
        this.store = store;
        this.pipeline = pipeline;
        this.token = redriveToken == null || redriveToken.isEmpty() ? null : BearerToken.of(redriveToken);
    }

    /**
     * Adds the console's routes to {@code app}.
     *
     * @param pipeline     the flow and dead letters, or null (those routes then answer 404 saying so)
     * @param redriveToken the bearer token a re-drive must carry (the push endpoint's), or null: re-drive off
     */
    public static void install(Javalin app, ReleaseStore store, PipelineView pipeline, String redriveToken) {
        ConsoleRoutes routes = new ConsoleRoutes(store, pipeline, redriveToken);
        app.get("/", ctx -> routes.asset(ctx, "index.html"));
        app.get("/console/{file}", ctx -> routes.asset(ctx, ctx.pathParam("file")));
        app.get("/v1/arrivals", routes::arrivals);
        app.get("/v1/flow", routes::flow);
        app.get("/v1/dead-letters", routes::deadLetters);
        app.get("/v1/dead-letters/{partition}/{offset}", routes::deadLetter);
        app.post("/v1/dead-letters/{partition}/{offset}/redrive", routes::redrive);
        app.exception(
                PipelineUnavailableException.class, (e, ctx) -> error(ctx, 503, "kafka_unavailable", e.getMessage()));
    }

    private void asset(Context ctx, String name) {
        if (!assets.serve(ctx, name)) {
            error(ctx, 404, "not_found", "no console file '" + name + "'");
        }
    }

    private void arrivals(Context ctx) {
        byte[] body;
        synchronized (arrivalsLock) {
            if (arrivalsBody == null || System.nanoTime() - arrivalsAt > ARRIVALS_TTL.toNanos()) {
                arrivalsBody = write(arrivalsView(store.arrivals(SOURCE_SAMPLE)));
                arrivalsAt = System.nanoTime();
            }
            body = arrivalsBody;
        }
        ctx.contentType("application/json").result(body);
    }

    /** The store's counts, with the per-day ones bucketed into periods for the chart. */
    static Map<String, Object> arrivalsView(ReleaseArrivals a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", a.total());
        body.put("duplicates", a.duplicates());
        body.put("withoutRegion", a.withoutRegion());
        body.put("byRegion", a.byRegion());
        body.put("byTopic", a.byTopic());
        body.put("byRegionAndTopic", a.byRegionAndTopic());
        body.put("byLanguage", a.byLanguage());
        body.put("bySource", a.bySource());
        body.put("sourcesRead", a.sourcesRead());
        Periods.Series regions = Periods.of(a.byDay(), a.byDayAndRegion());
        Periods.Series topics = Periods.of(a.byDay(), a.byDayAndTopic());
        Map<String, Object> overTime = new LinkedHashMap<>();
        overTime.put("granularity", regions.granularity());
        overTime.put("earlierCount", regions.earlierCount());
        overTime.put("byRegion", regions.periods());
        overTime.put("byTopic", topics.periods());
        body.put("overTime", overTime);
        return body;
    }

    private void flow(Context ctx) {
        if (available(ctx)) {
            json(ctx, 200, pipeline.flow());
        }
    }

    private void deadLetters(Context ctx) {
        if (!available(ctx)) {
            return;
        }
        int limit = 50;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                error(ctx, 400, "bad_request", "limit must be an integer: " + l);
                return;
            }
            if (limit < 1 || limit > MAX_DEAD_LETTERS) {
                error(ctx, 400, "bad_request", "limit must be within 1.." + MAX_DEAD_LETTERS + ": " + limit);
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", pipeline.deadLetters(limit));
        json(ctx, 200, body);
    }

    private void deadLetter(Context ctx) {
        if (!available(ctx)) {
            return;
        }
        Optional<long[]> at = position(ctx);
        if (at.isEmpty()) {
            return;
        }
        int partition = (int) at.get()[0];
        long offset = at.get()[1];
        Optional<DeadLetterDetail> found = pipeline.deadLetter(partition, offset);
        if (found.isEmpty()) {
            error(ctx, 404, "not_found", "no dead letter at " + partition + ":" + offset);
            return;
        }
        json(ctx, 200, found.get());
    }

    private void redrive(Context ctx) {
        if (!available(ctx)) {
            return;
        }
        if (token == null) {
            error(
                    ctx,
                    404,
                    "not_available",
                    "re-drive is off: it takes the push endpoint's token, and bulletin.ingest.push.token is not set");
            return;
        }
        if (!token.matches(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, 401, "unauthorized", "missing or invalid bearer token (the push endpoint's token)");
            return;
        }
        Optional<long[]> at = position(ctx);
        if (at.isEmpty()) {
            return;
        }
        int partition = (int) at.get()[0];
        long offset = at.get()[1];
        Optional<Redrive> done;
        try {
            done = pipeline.redrive(partition, offset);
        } catch (IllegalStateException e) {
            error(ctx, 409, "not_redrivable", e.getMessage());
            return;
        }
        if (done.isEmpty()) {
            error(ctx, 404, "not_found", "no dead letter at " + partition + ":" + offset);
            return;
        }
        json(ctx, 200, done.get());
    }

    private boolean available(Context ctx) {
        if (pipeline == null) {
            error(
                    ctx,
                    404,
                    "not_available",
                    "this server has no Kafka connection for the console: flow and dead letters are not available");
            return false;
        }
        return true;
    }

    private static Optional<long[]> position(Context ctx) {
        try {
            int partition = Integer.parseInt(ctx.pathParam("partition"));
            long offset = Long.parseLong(ctx.pathParam("offset"));
            if (partition < 0 || offset < 0) {
                throw new NumberFormatException("negative");
            }
            return Optional.of(new long[] {partition, offset});
        } catch (NumberFormatException e) {
            error(
                    ctx,
                    400,
                    "bad_request",
                    "partition and offset must be non-negative integers: " + ctx.pathParam("partition") + "/"
                            + ctx.pathParam("offset"));
            return Optional.empty();
        }
    }
}
