package org.virtualwire.gateway.xdp;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** The driver behind a network interface, as ethtool -i names it (SIOCETHTOOL, ETHTOOL_GDRVINFO). */
final class Driver {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GDRVINFO = 3;
    private static final int IFNAMSIZ = 16;

    private Driver() {
    }

    /**
     * @param interfaceName the interface, in the calling thread's network namespace
     * @return its driver's name ("veth", "virtio_net", "ena", ...), or "" if the kernel does not say
     */
    static String of(String interfaceName) {
        int fd;
        try {
            fd = Libc.socket(AF_INET, SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            return "";
        }
        try {
            Memory info = new Memory(196); // struct ethtool_drvinfo
            info.clear();
            info.setInt(0, ETHTOOL_GDRVINFO);
            Memory request = new Memory(40); // struct ifreq
            request.clear();
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            request.write(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
            request.setPointer(IFNAMSIZ, info);
            Libc.ioctl(fd, SIOCETHTOOL, request);
            return info.getString(4, "US-ASCII");
        } catch (LastErrorException e) {
            return "";
        } finally {
            Libc.close(fd);
        }
    }
}
