package org.virtualwire.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Captures UDP datagrams in a namespace with tcpdump, as someone on the path would, and gives their payloads.
 */
final class Capture implements AutoCloseable {
    private final Process tcpdump;
    private final Path file;

    private Capture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /**
     * Starts capturing and returns once tcpdump listens.
     *
     * @param namespace where to capture (on every device)
     * @param count how many packets to capture
     * @param filter a pcap filter, e.g. {@code udp dst port 4889}
     * @return the running capture
     */
    static Capture start(String namespace, int count, String filter) throws IOException {
        Path file = Files.createTempFile("vw-capture", ".pcap");
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", "any", "-Z", "root", "-U", "-n",
                "-c", Integer.toString(count), "-w", file.toString(), filter).redirectErrorStream(true).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            said.append(line).append('\n');
            if (line.contains("listening on")) {
                return new Capture(p, file);
            }
        }
        Files.deleteIfExists(file);
        throw new IllegalStateException("tcpdump did not start in " + namespace + ": " + said);
    }

    /**
     * @param timeoutSeconds how long to wait for the packets
     * @return the UDP payloads captured
     */
    List<byte[]> payloads(int timeoutSeconds) throws IOException, InterruptedException {
        if (!tcpdump.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            tcpdump.destroy();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
        }
        return udpPayloads(Files.readAllBytes(file));
    }

    @Override
    public void close() throws IOException {
        tcpdump.destroyForcibly();
        Files.deleteIfExists(file);
    }

    /** @return the UDP payloads of the IPv4 packets in a pcap file (Ethernet or Linux cooked v1/v2 frames) */
    static List<byte[]> udpPayloads(byte[] pcap) {
        List<byte[]> out = new ArrayList<>();
        if (pcap.length < 24) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        int linkHeader = switch (b.getInt(20)) {
            case 1 -> 14; // Ethernet
            case 113 -> 16; // Linux cooked v1
            case 276 -> 20; // Linux cooked v2 (tcpdump -i any)
            default -> throw new IllegalArgumentException("link type " + b.getInt(20));
        };
        for (int at = 24; at + 16 <= pcap.length; ) {
            int captured = b.getInt(at + 8);
            int ip = at + 16 + linkHeader;
            int ipHeader = (pcap[ip] & 0x0f) * 4;
            int udp = ip + ipHeader;
            int length = (pcap[udp + 4] & 0xff) << 8 | pcap[udp + 5] & 0xff; // network byte order
            byte[] payload = new byte[length - 8];
            System.arraycopy(pcap, udp + 8, payload, 0, payload.length);
            out.add(payload);
            at += 16 + captured;
        }
        return out;
    }
}
