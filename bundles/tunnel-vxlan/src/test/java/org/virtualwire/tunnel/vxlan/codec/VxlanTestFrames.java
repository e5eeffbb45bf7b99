package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** Hand-built datagrams and frames shared by the codec unit tests. */
final class VxlanTestFrames {

    static final InetSocketAddress LOCAL = new InetSocketAddress("198.18.200.2", VxlanHeader.PORT);
    static final InetSocketAddress REMOTE = new InetSocketAddress("198.18.200.1", 50632);

    private VxlanTestFrames() {
    }

    /** A 42-byte broadcast ARP frame; the last byte is {@code tag} so tests can tell frames apart. */
    static byte[] frame(int tag) {
        byte[] f = new byte[42];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;
        }
        f[6] = 0x72;
        f[11] = 0x7f;
        f[12] = 0x08;
        f[13] = 0x06;
        f[41] = (byte) tag;
        return f;
    }

    /** VXLAN header bytes with the given flags, reserved-field filler and VNI. */
    static byte[] header(int flags, int reserved, int vni) {
        byte r = (byte) reserved;
        return new byte[] {(byte) flags, r, r, r, (byte) (vni >>> 16), (byte) (vni >>> 8), (byte) vni, r};
    }

    static ByteBuf bytes(byte[]... parts) {
        ByteBuf buf = Unpooled.buffer();
        for (byte[] p : parts) {
            buf.writeBytes(p);
        }
        return buf;
    }

    static DatagramPacket datagram(ByteBuf content) {
        return new DatagramPacket(content, LOCAL, REMOTE);
    }

    static byte[] toArray(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }
}
