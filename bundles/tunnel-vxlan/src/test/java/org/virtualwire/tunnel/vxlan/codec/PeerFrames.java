package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Reads and builds the few Ethernet frames the kernel peer needs: ARP (RFC 826) and IPv4 ICMP echo.
 * Offsets are from the start of the Ethernet header; index arithmetic uses the frame's reader index.
 */
final class PeerFrames {

    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV4 = 0x0800;

    private PeerFrames() {
    }

    static int ethertype(ByteBuf f) {
        return f.getUnsignedShort(f.readerIndex() + 12);
    }

    static byte[] bytes(ByteBuf f, int offset, int length) {
        byte[] out = new byte[length];
        f.getBytes(f.readerIndex() + offset, out);
        return out;
    }

    static boolean isArpRequestFor(ByteBuf f, byte[] ip) {
        return f.readableBytes() >= 42 && ethertype(f) == ETHERTYPE_ARP
                && f.getUnsignedShort(f.readerIndex() + 20) == 1 && Arrays.equals(bytes(f, 38, 4), ip);
    }

    static boolean isEchoRequestTo(ByteBuf f, byte[] ip) {
        if (f.readableBytes() < 34 || ethertype(f) != ETHERTYPE_IPV4 || f.getUnsignedByte(f.readerIndex() + 23) != 1) {
            return false;
        }
        int ihl = (f.getUnsignedByte(f.readerIndex() + 14) & 0x0f) * 4;
        return Arrays.equals(bytes(f, 30, 4), ip) && f.getUnsignedByte(f.readerIndex() + 14 + ihl) == 8;
    }

    /** "Target IP is at myMac", addressed to whoever asked. */
    static ByteBuf arpReply(ByteBufAllocator alloc, ByteBuf request, byte[] myMac) {
        byte[] askerMac = bytes(request, 22, 6);
        byte[] askerIp = bytes(request, 28, 4);
        byte[] targetIp = bytes(request, 38, 4);
        return alloc.buffer(42).writeBytes(askerMac).writeBytes(myMac).writeShort(ETHERTYPE_ARP)
                .writeShort(1).writeShort(ETHERTYPE_IPV4).writeByte(6).writeByte(4).writeShort(2)
                .writeBytes(myMac).writeBytes(targetIp).writeBytes(askerMac).writeBytes(askerIp);
    }

    /** The request with MACs and IPs swapped, ICMP type 0 and both checksums recomputed. */
    static ByteBuf echoReply(ByteBufAllocator alloc, ByteBuf request, byte[] myMac) {
        int ihl = (request.getUnsignedByte(request.readerIndex() + 14) & 0x0f) * 4;
        int total = request.getUnsignedShort(request.readerIndex() + 16);
        ByteBuf out = alloc.buffer(14 + total).writeBytes(bytes(request, 6, 6)).writeBytes(myMac)
                .writeShort(ETHERTYPE_IPV4).writeBytes(bytes(request, 14, total));
        byte[] src = bytes(out, 26, 4);
        out.setBytes(26, bytes(out, 30, 4)).setBytes(30, src).setByte(22, 64).setShort(24, 0);
        out.setShort(24, checksum(out, 14, ihl));
        int icmp = 14 + ihl;
        out.setByte(icmp, 0).setShort(icmp + 2, 0);
        out.setShort(icmp + 2, checksum(out, icmp, total - ihl));
        return out;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes at absolute index {@code from}. */
    static int checksum(ByteBuf b, int from, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += b.getUnsignedShort(from + i);
        }
        if ((length & 1) != 0) {
            sum += b.getUnsignedByte(from + length - 1) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    static String mac(byte[] mac) {
        StringBuilder s = new StringBuilder();
        for (byte b : mac) {
            s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }
}
