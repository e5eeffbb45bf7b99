package org.virtualwire.itests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts (Karaf's HTTP, SSH, RMI): free now, and below the kernel's ephemeral range,
 * so that no outgoing connection of another program takes one between the choice and Karaf's bind. A port from
 * {@code new ServerSocket(0)} lies in that range: on a busy machine one was taken before Karaf bound it, and Jolokia
 * never answered (MigrationIT, once).
 */
final class FreePorts {
    private static final int FIRST = 20000;
    /** Where this JVM starts looking: test JVMs running at once look in different places. */
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST + (int) (ProcessHandle.current().pid() % 500) * 20);

    private FreePorts() {
    }

    /** @return a port nothing listens on, below the ephemeral range */
    static int next() {
        int ephemeral = ephemeralLow();
        for (int tries = 0; tries < 10_000; tries++) {
            int port = NEXT.getAndIncrement();
            if (port >= ephemeral) {
                NEXT.set(FIRST);
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // next one
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + ephemeral);
    }

    private static int ephemeralLow() {
        try {
            // readAllLines, not readString: /proc says its files are empty, and readString then returned "3"
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
