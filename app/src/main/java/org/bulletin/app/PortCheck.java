package org.bulletin.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, that every port the embedded platform will listen on is free on 127.0.0.1, so a
 * taken port is reported at once and by the flag that changes it, not after the broker and registry have started.
 */
final class PortCheck {

    private PortCheck() {}

    /**
     * The ports (flag name to port) that are already in use or cannot be bound, or the same port given to two flags,
     * each as one sentence saying what to do; empty when all are free.
     */
    static List<String> problems(Map<String, Integer> portsByFlag) {
        List<String> out = new ArrayList<>();
        Map<Integer, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : portsByFlag.entrySet()) {
            String flag = e.getKey();
            int port = e.getValue();
            if (port < 1 || port > 65535) {
                out.add("Port " + port + " (" + flag + ") is not a TCP port: give 1-65535 with " + flag + ".");
                continue;
            }
            String other = seen.putIfAbsent(port, flag);
            if (other != null) {
                out.add("Port " + port + " is given to both " + other + " and " + flag + ": give each its own port.");
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException taken) {
                out.add("Port " + port + " (" + flag + ") is already in use on 127.0.0.1: stop what listens there, or "
                        + "choose another port with " + flag + ".");
            }
        }
        return out;
    }
}
