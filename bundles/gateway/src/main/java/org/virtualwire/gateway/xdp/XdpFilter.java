package org.virtualwire.gateway.xdp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XDP program in front of one relay socket, written as eBPF instructions: an IPv4 UDP datagram to the
 * socket's address and port (no IP options, not a fragment, short enough for one frame, a correct IPv4 header
 * checksum) goes to the AF_XDP socket of its RX queue; everything else, and anything for a queue without such a
 * socket, goes on to the kernel's stack as if there were no filter (where the relay's ordinary socket still
 * takes it, or the kernel drops it: a header with a wrong checksum is counted in its InHdrErrors).
 */
final class XdpFilter {

    static final int HEADERS = 14 + 20 + 8; // Ethernet, IPv4 without options, UDP
    private static final int XDP_PASS = 2;
    private static final int FUNC_REDIRECT_MAP = 51;
    private static final int PSEUDO_MAP_FD = 1;

    // opcodes: class | op | source
    private static final int MOV64_X = 0xbf;
    private static final int MOV64_K = 0xb7;
    private static final int ADD64_K = 0x07;
    private static final int ADD64_X = 0x0f;
    private static final int AND64_K = 0x57;
    private static final int RSH64_K = 0x77;
    private static final int JNE_K = 0x55;
    private static final int LDX_W = 0x61;
    private static final int LDX_H = 0x69;
    private static final int LDX_B = 0x71;
    private static final int JGT_X = 0x2d;
    private static final int JNE32_K = 0x56;
    private static final int JSET32_K = 0x46;
    private static final int LD_IMM64 = 0x18;
    private static final int CALL = 0x85;
    private static final int EXIT = 0x95;

    private final ByteBuffer code = ByteBuffer.allocate(128 * 8).order(ByteOrder.LITTLE_ENDIAN);
    private int count;
    private final java.util.List<Integer> toPass = new java.util.ArrayList<>();

    private XdpFilter() {
    }

    /**
     * @param mapFd the XSKMAP (RX queue to socket)
     * @param ip the socket's IPv4 address, as an unsigned 32-bit value
     * @param port its UDP port
     * @param maxFrame the longest frame an AF_XDP socket frame takes
     * @return the program
     */
    static byte[] program(int mapFd, long ip, int port, int maxFrame) {
        XdpFilter f = new XdpFilter();
        f.op(MOV64_X, 6, 1, 0, 0); // r6 = ctx
        f.op(LDX_W, 2, 6, 0, 0); // r2 = data
        f.op(LDX_W, 3, 6, 4, 0); // r3 = data_end
        f.op(MOV64_X, 4, 2, 0, 0);
        f.op(ADD64_K, 4, 0, 0, HEADERS);
        f.jumpToPass(JGT_X, 4, 3, 0); // headers beyond the end
        f.op(MOV64_X, 4, 2, 0, 0);
        f.op(ADD64_K, 4, 0, 0, maxFrame);
        f.jumpToPass(JGT_X, 3, 4, 0); // longer than a frame
        f.op(LDX_H, 5, 2, 12, 0);
        f.jumpToPass(JNE32_K, 5, 0, 0x0008); // EtherType 0x0800, read little-endian
        f.op(LDX_B, 5, 2, 14, 0);
        f.jumpToPass(JNE32_K, 5, 0, 0x45); // IPv4, 20-byte header
        f.op(LDX_H, 5, 2, 20, 0);
        f.jumpToPass(JSET32_K, 5, 0, 0xff3f); // more fragments, or a fragment offset
        f.op(LDX_B, 5, 2, 23, 0);
        f.jumpToPass(JNE32_K, 5, 0, 17); // UDP
        f.op(LDX_W, 5, 2, 30, 0);
        f.jumpToPass(JNE32_K, 5, 0, Integer.reverseBytes((int) ip));
        f.op(LDX_H, 5, 2, 36, 0);
        f.jumpToPass(JNE32_K, 5, 0, Short.reverseBytes((short) port) & 0xffff);
        f.headerChecksum();
        f.op(LDX_W, 2, 6, 16, 0); // r2 = rx_queue_index
        f.op(LD_IMM64, 1, PSEUDO_MAP_FD, 0, mapFd); // r1 = the map
        f.op(0, 0, 0, 0, 0);
        f.op(MOV64_K, 3, 0, 0, XDP_PASS); // no socket on that queue: on to the stack
        f.op(CALL, 0, 0, 0, FUNC_REDIRECT_MAP);
        f.op(EXIT, 0, 0, 0, 0);
        int pass = f.count;
        f.op(MOV64_K, 0, 0, 0, XDP_PASS);
        f.op(EXIT, 0, 0, 0, 0);
        for (int at : f.toPass) {
            f.code.putShort(at * 8 + 2, (short) (pass - at - 1));
        }
        byte[] out = new byte[f.count * 8];
        f.code.get(0, out);
        return out;
    }

    /**
     * The IPv4 header's ones' complement sum, checksum included, must be 0xffff (RFC 1071), as the kernel's
     * ip_rcv checks it; else to the stack, which drops it. Words are read little-endian: a ones' complement
     * sum is the same in either byte order, and so is 0xffff.
     */
    private void headerChecksum() {
        op(MOV64_K, 7, 0, 0, 0);
        for (int at = 14; at < 34; at += 2) {
            op(LDX_H, 5, 2, at, 0);
            op(ADD64_X, 7, 5, 0, 0);
        }
        for (int fold = 0; fold < 2; fold++) {
            op(MOV64_X, 5, 7, 0, 0);
            op(RSH64_K, 5, 0, 0, 16);
            op(AND64_K, 7, 0, 0, 0xffff);
            op(ADD64_X, 7, 5, 0, 0);
        }
        jumpToPass(JNE_K, 7, 0, 0xffff);
    }

    private void jumpToPass(int opcode, int dst, int src, int imm) {
        toPass.add(count);
        op(opcode, dst, src, 0, imm);
    }

    private void op(int opcode, int dst, int src, int offset, int imm) {
        int at = count++ * 8;
        code.put(at, (byte) opcode);
        code.put(at + 1, (byte) (src << 4 | dst));
        code.putShort(at + 2, (short) offset);
        code.putInt(at + 4, imm);
    }
}
