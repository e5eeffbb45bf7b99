package org.virtualwire.gateway.xdp;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** The few bpf(2) commands the gateway's XDP filter needs, with union bpf_attr laid out by hand. */
final class Bpf {

    private static final int MAP_CREATE = 0;
    private static final int MAP_UPDATE_ELEM = 2;
    private static final int PROG_LOAD = 5;
    private static final int LINK_CREATE = 28;
    private static final int LINK_DETACH = 34;
    private static final int MAP_TYPE_XSKMAP = 17;
    private static final int PROG_TYPE_XDP = 6;
    private static final int ATTACH_TYPE_XDP = 37;
    private static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    private static final int XDP_FLAGS_DRV_MODE = 1 << 2;
    private static final int ATTR_SIZE = 144;
    private static final int LOG_SIZE = 1 << 16;

    private Bpf() {
    }

    /** @return the fd of a new XSKMAP with {@code entries} slots (key: RX queue, value: AF_XDP socket fd) */
    static int xskMap(int entries) {
        Memory attr = attr();
        attr.setInt(0, MAP_TYPE_XSKMAP);
        attr.setInt(4, 4);
        attr.setInt(8, 4);
        attr.setInt(12, entries);
        return call(MAP_CREATE, attr, "create an XSKMAP");
    }

    /** Puts the socket {@code xskFd} in slot {@code queue} of the map. */
    static void put(int mapFd, int queue, int xskFd) {
        Memory key = new Memory(4);
        key.setInt(0, queue);
        Memory value = new Memory(4);
        value.setInt(0, xskFd);
        Memory attr = attr();
        attr.setInt(0, mapFd);
        attr.setLong(8, Pointer.nativeValue(key));
        attr.setLong(16, Pointer.nativeValue(value));
        call(MAP_UPDATE_ELEM, attr, "put socket in XSKMAP");
    }

    /**
     * Loads an XDP program.
     *
     * @param program its instructions, 8 bytes each
     * @param name its name in bpftool's list (at most 15 characters)
     * @return the program's fd
     */
    static int loadXdp(byte[] program, String name) {
        Memory insns = new Memory(program.length);
        insns.write(0, program, 0, program.length);
        Memory license = new Memory(4);
        license.setString(0, "GPL", "US-ASCII");
        Memory log = new Memory(LOG_SIZE);
        log.setByte(0, (byte) 0);
        Memory attr = attr();
        attr.setInt(0, PROG_TYPE_XDP);
        attr.setInt(4, program.length / 8);
        attr.setLong(8, Pointer.nativeValue(insns));
        attr.setLong(16, Pointer.nativeValue(license));
        attr.setInt(24, 1);
        attr.setInt(28, LOG_SIZE);
        attr.setLong(32, Pointer.nativeValue(log));
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        attr.write(48, n, 0, Math.min(15, n.length));
        attr.setInt(68, ATTACH_TYPE_XDP);
        try {
            return (int) Libc.syscall(Libc.SYS_BPF, PROG_LOAD, attr, ATTR_SIZE);
        } catch (LastErrorException e) {
            throw new XdpUnavailableException("the kernel refused the XDP filter: " + Libc.describe(e) + ": "
                    + log.getString(0, "US-ASCII").strip());
        }
    }

    /**
     * Attaches an XDP program to an interface through a BPF link: it stays attached while the returned fd is
     * open (also if the process dies, it goes with the fd), and cannot replace another program silently.
     *
     * @param mode {@link XdpMode#GENERIC} or {@link XdpMode#NATIVE} insist on that mode, {@link XdpMode#AUTO}
     *        leaves it to the kernel (the driver's XDP where it has one, generic otherwise)
     * @return the link's fd
     */
    static int attachXdp(int programFd, int ifindex, XdpMode mode) {
        Memory attr = attr();
        attr.setInt(0, programFd);
        attr.setInt(4, ifindex);
        attr.setInt(8, ATTACH_TYPE_XDP);
        attr.setInt(12, switch (mode) {
            case GENERIC -> XDP_FLAGS_SKB_MODE;
            case NATIVE -> XDP_FLAGS_DRV_MODE;
            case AUTO -> 0;
        });
        return call(LINK_CREATE, attr, "attach the XDP filter (" + mode.label() + ") to interface " + ifindex);
    }

    /**
     * Detaches a link's program now: closing the link's last fd detaches it too, but later, from a kernel work
     * queue, and an attach right after would find the interface still taken.
     */
    static void detach(int linkFd) {
        Memory attr = attr();
        attr.setInt(0, linkFd);
        call(LINK_DETACH, attr, "detach the XDP filter");
    }

    private static Memory attr() {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        return attr;
    }

    private static int call(int cmd, Memory attr, String what) {
        try {
            return (int) Libc.syscall(Libc.SYS_BPF, cmd, attr, ATTR_SIZE);
        } catch (LastErrorException e) {
            throw new XdpUnavailableException("cannot " + what + ": " + Libc.describe(e));
        }
    }
}
