package org.bulletin.app.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the suite (broker, enrich or publish) with its output appended to a log file. Every instance is
 * registered with a JVM shutdown hook, so an aborted test run never leaves a child behind.
 */
final class StageProcess implements AutoCloseable {

    private static final List<StageProcess> LIVE = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StageProcess::killAll, "fault-suite-children"));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private int starts;

    StageProcess(String name, List<String> command, Map<String, String> env, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    synchronized StageProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        process = pb.start();
        starts++;
        synchronized (LIVE) {
            LIVE.add(this);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no transaction abort. */
    synchronized void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM and wait for a clean exit (SIGKILL after 60 s). */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** How many times this stage was started: more than the suite asked for means it died on its own. */
    int starts() {
        return starts;
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (LIVE) {
            LIVE.remove(this);
        }
    }

    private static void killAll() {
        List<StageProcess> copy;
        synchronized (LIVE) {
            copy = new ArrayList<>(LIVE);
        }
        for (StageProcess s : copy) {
            Process p = s.process;
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
