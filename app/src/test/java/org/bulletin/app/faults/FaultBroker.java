package org.bulletin.app.faults;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.bulletin.app.embedded.EmbeddedKafka;

/**
 * The broker as its own process, so the suite can stop it, restart it and kill -9 it: {@link EmbeddedKafka} on the
 * given ports with its data kept in a folder across restarts. Prints {@code BROKER READY} once it serves.
 */
public final class FaultBroker {

    private FaultBroker() {}

    /** Arguments: port, controller port, data dir. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka =
                EmbeddedKafka.start(Path.of(args[2]), Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // SIGTERM is the clean stop of scenario 3: a controlled shutdown, logs flushed.
                            kafka.close();
                            stopped.countDown();
                        },
                        "fault-broker-stop"));
        System.out.println("BROKER READY " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
