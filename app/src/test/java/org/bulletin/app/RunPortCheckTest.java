package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bulletin.schemas.registry.RegistryProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A port already taken stops {@code run} before anything starts, naming the port and the flag that changes it. */
class RunPortCheckTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseATakenApiPortBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            cli.setErr(new PrintWriter(err));
            Path data = dir.resolve("data");

            int exit = cli.execute(
                    "run",
                    "--data-dir",
                    data.toString(),
                    "--no-sample",
                    "--api-port",
                    Integer.toString(port),
                    "--kafka-port",
                    Integer.toString(RegistryProcess.freePort()),
                    "--controller-port",
                    Integer.toString(RegistryProcess.freePort()),
                    "--registry-port",
                    Integer.toString(RegistryProcess.freePort()));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString())
                    .contains("Port " + port + " (--api-port) is already in use on 127.0.0.1")
                    .contains("choose another port with --api-port");
            // Nothing was started: no broker or registry state was written.
            assertThat(data.resolve("kafka")).doesNotExist();
            assertThat(data.resolve("registry")).doesNotExist();
        }
    }

    @Test
    void shouldNameEveryProblemWithItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = RegistryProcess.freePort();
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("--kafka-port", taken.getLocalPort());
            ports.put("--controller-port", free);
            ports.put("--registry-port", free);
            ports.put("--api-port", 70000);

            assertThat(PortCheck.problems(ports))
                    .containsExactly(
                            "Port " + taken.getLocalPort()
                                    + " (--kafka-port) is already in use on 127.0.0.1: stop what listens "
                                    + "there, or choose another port with --kafka-port.",
                            "Port " + free
                                    + " is given to both --controller-port and --registry-port: give each its own port.",
                            "Port 70000 (--api-port) is not a TCP port: give 1-65535 with --api-port.");
        }
        assertThat(PortCheck.problems(Map.of("--api-port", RegistryProcess.freePort())))
                .isEmpty();
    }
}
