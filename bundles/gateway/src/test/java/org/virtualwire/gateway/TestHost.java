package org.virtualwire.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A host (or a forger) on the loopback: a UDP socket on its own 127.x address that sends VXLAN packets and
 * collects what arrives, on a daemon thread.
 */
final class TestHost implements AutoCloseable {

    private final DatagramSocket socket;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    TestHost(String ip, int port) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(ip, port));
        socket.setReceiveBufferSize(4 << 20);
        reader = new Thread(this::read, "test-host-" + ip);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                received.add(Arrays.copyOf(p.getData(), p.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /** @return the next packet received, or null after {@code seconds} */
    byte[] next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    BlockingQueue<byte[]> received() {
        return received;
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A VXLAN packet of {@code vni} whose inner frame carries {@code seq}, {@code size} bytes in all. */
    static byte[] vxlan(int vni, long seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size, 8 + 14 + 8));
        b.put((byte) 0x08).put(new byte[3]).put((byte) (vni >>> 16)).put((byte) (vni >>> 8)).put((byte) vni).put((byte) 0);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, (byte) 0x88, (byte) 0xb5}); // dst, src, local ethertype
        b.putLong(seq);
        return b.array();
    }

    static int vni(byte[] packet) {
        return (packet[4] & 0xff) << 16 | (packet[5] & 0xff) << 8 | packet[6] & 0xff;
    }

    static long seq(byte[] packet) {
        return ByteBuffer.wrap(packet, 22, 8).getLong();
    }
}
