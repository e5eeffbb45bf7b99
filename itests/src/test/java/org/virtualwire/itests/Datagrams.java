package org.virtualwire.itests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * UDP datagrams sent by hand from inside a namespace, as an attacker on a host or on the network between
 * clouds would send them: bash's {@code /dev/udp} writes a file's bytes as one datagram from the namespace's own
 * address (the one its route to the target picks) and an ephemeral port.
 */
final class Datagrams {
    /** An EtherType for local experiments (IEEE 802): no guest stack answers it, any NIC counts it. */
    private static final int EXPERIMENTAL_ETHERTYPE = 0x88b5;

    private Datagrams() {
    }

    /**
     * @param vni the VXLAN network identifier (a wire's id)
     * @return a VXLAN packet (RFC 7348) carrying an Ethernet broadcast of 60 bytes
     */
    static byte[] vxlanBroadcast(int vni) {
        ByteBuffer b = ByteBuffer.allocate(8 + 60);
        b.put((byte) 0x08).put(new byte[3]).putInt(vni << 8);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(new byte[] {2, 0x51, 0, 0, 0, 1});
        b.putShort((short) EXPERIMENTAL_ETHERTYPE);
        b.put("virtualwire itest: a frame nobody may inject".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * Sends the same datagram several times.
     *
     * @param namespace where it is sent from
     * @param address the target's IPv4 address
     * @param port the target's UDP port
     * @param payload the datagram
     * @param count how many times
     */
    static void send(String namespace, String address, int port, byte[] payload, int count) throws IOException {
        Path file = Files.createTempFile("vw-datagram", ".bin");
        try {
            Files.write(file, payload);
            String loop = "for i in $(seq " + count + "); do cat " + file + " > /dev/udp/" + address + "/" + port + "; done";
            Netns.Result r = Netns.run(60, "ip", "netns", "exec", namespace, "bash", "-c", loop);
            if (r.exit() != 0) {
                throw new IllegalStateException("cannot send from " + namespace + " to " + address + ":" + port + ": " + r.out());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * @param namespace a guest's namespace
     * @param nic its NIC
     * @return packets the NIC received so far
     */
    static long received(String namespace, String nic) {
        Netns.Result r = Netns.run(10, "ip", "netns", "exec", namespace, "cat", "/sys/class/net/" + nic + "/statistics/rx_packets");
        if (r.exit() != 0) {
            throw new IllegalStateException("no counters of " + nic + " in " + namespace + ": " + r.out());
        }
        return Long.parseLong(r.out().trim());
    }
}
