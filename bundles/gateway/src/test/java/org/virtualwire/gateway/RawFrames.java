package org.virtualwire.gateway;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Sends hand-made Ethernet frames out of an interface of the calling thread's network namespace through an
 * AF_PACKET socket: frames no UDP socket would send, such as one whose IPv4 header checksum is wrong.
 */
final class RawFrames {

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_IP = 0x0800;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private RawFrames() {
    }

    private static native int socket(int domain, int type, int protocol) throws LastErrorException;

    private static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    /**
     * Sends one IPv4 UDP datagram in an Ethernet frame from {@code device} to the interface that holds
     * {@code dst} on the same link.
     *
     * @param dstMac the receiving interface's MAC
     * @param goodChecksum false: the IPv4 header checksum is off by one
     */
    static void sendUdp(String device, byte[] dstMac, String src, String dst, int port, byte[] payload,
            boolean goodChecksum) throws SocketException, UnknownHostException {
        NetworkInterface nic = NetworkInterface.getByName(device);
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        f.put(dstMac).put(nic.getHardwareAddress()).putShort((short) ETH_P_IP);
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload.length)).putInt(0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
        int sum = 0;
        for (int at = 14; at < 34; at += 2) {
            sum += f.getShort(at) & 0xffff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        f.putShort(24, (short) (~sum + (goodChecksum ? 0 : 1)));
        f.putShort((short) port).putShort((short) port).putShort((short) (8 + payload.length)).putShort((short) 0);
        f.put(payload);
        ByteBuffer to = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN); // struct sockaddr_ll
        to.putShort((short) AF_PACKET).order(ByteOrder.BIG_ENDIAN).putShort((short) ETH_P_IP)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(nic.getIndex()).putShort((short) 0).put((byte) 0)
                .put((byte) 6).put(dstMac);
        int fd = socket(AF_PACKET, SOCK_RAW, 0);
        try {
            sendto(fd, f.array(), f.capacity(), 0, to.array(), 20);
        } finally {
            close(fd);
        }
    }
}
