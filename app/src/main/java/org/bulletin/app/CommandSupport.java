package org.bulletin.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bulletin.app.config.ConfigKeys;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.StoreView;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.bulletin.schemas.registry.SchemaRegistry;

/** What the commands share: connect to the registry and name the topics, open the store view, wait for SIGTERM. */
final class CommandSupport {

    private CommandSupport() {}

    static Topics topics(Settings settings) {
        String url = ConnectOptions.require(settings, ConnectOptions.REGISTRY, "--registry");
        SchemaRegistry registry =
                SchemaRegistries.connect(url, settings.get(ConfigKeys.REGISTRY_BASIC_AUTH_USER_INFO, null));
        return Topics.fromConfig(settings.bulletin(), registry);
    }

    /**
     * The stored releases as the ops tools read them: over JDBC when a store is configured (PostgreSQL, or an H2 file
     * no process holds open), else over the publish stage's HTTP API at {@code api} ('bulletin run' holds its
     * embedded store open).
     */
    static StoreView storeView(Settings settings, String api) {
        if (settings.get(ConnectOptions.STORE, null) == null) {
            return StoreView.http(api);
        }
        PublishConfig publish = new PublishConfig(settings.bulletin());
        return StoreView.jdbc(publish.storeUrl(), publish.storeUser(), publish.storePassword());
    }

    /**
     * Blocks until SIGTERM / Ctrl-C, then runs {@code close} before the JVM exits. The shutdown hook waits for the
     * close to finish, because the JVM halts as soon as its hooks return, then exits 0 (1 if closing took over 30 s).
     */
    static void awaitShutdown(AutoCloseable close) throws Exception {
        awaitShutdown(close, new CompletableFuture<>());
    }

    /**
     * As {@link #awaitShutdown(AutoCloseable)}, but also returns when {@code failure} completes (a stage died of an
     * error): then runs {@code close} and returns false, and the exit status is 1. True after a SIGTERM.
     */
    static boolean awaitShutdown(AutoCloseable close, CompletableFuture<Throwable> failure) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        failure.thenRun(stop::countDown);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            boolean clean = false;
                            try {
                                clean = closed.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            // A clean stop on SIGTERM is a success: exit 0, not the JVM's 143.
                            System.out.flush();
                            System.err.flush();
                            Runtime.getRuntime().halt(clean && !failed.get() ? 0 : 1);
                        },
                        "bulletin-shutdown"));
        stop.await();
        failed.set(failure.isDone());
        try {
            close.close();
        } finally {
            closed.countDown();
        }
        return !failed.get();
    }
}
