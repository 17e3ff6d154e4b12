package org.bulletin.app.faults;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bulletin.app.embedded.EmbeddedKafka;

/**
 * One node of the fault suite's Kafka cluster (#19) as its own process, so the suite can kill -9 it, stop it and
 * bring it back: a combined broker+controller ({@link EmbeddedKafka#startClusterNode}) with its data kept in a folder
 * across restarts. Prints {@code BROKER READY} once it serves; SIGTERM is a controlled shutdown.
 */
public final class ClusterNode {

    private ClusterNode() {}

    /** Arguments: node id, port, controller port, data dir, cluster id, quorum voters, then broker settings k=v. */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 6; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmbeddedKafka kafka = EmbeddedKafka.startClusterNode(
                Path.of(args[3]),
                Integer.parseInt(args[0]),
                args[4],
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                args[5],
                settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // Controlled shutdown: leadership moves to the other replicas before the node goes.
                            kafka.close();
                            stopped.countDown();
                        },
                        "cluster-node-stop"));
        System.out.println("BROKER READY " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
