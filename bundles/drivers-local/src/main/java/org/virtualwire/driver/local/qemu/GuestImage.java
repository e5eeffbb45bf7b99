package org.virtualwire.driver.local.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.Ipv4Prefix;

/**
 * The tiny guest that {@code scripts/guest-image.sh} builds (Debian kernel + busybox initramfs), and the
 * kernel command line its init understands: {@code vw.nic=IFNAME,ADDR/LEN[,MTU]} per NIC and
 * {@code vw.route=DEST,VIA}. It prints {@link #READY} on the serial console once its NICs are up.
 *
 * @param kernel the {@code vmlinuz}
 * @param initramfs the {@code initramfs.gz}
 */
public record GuestImage(Path kernel, Path initramfs) {
    /** The line the guest's init prints on ttyS0 when it is configured. */
    public static final String READY = "vw-guest ready";

    /**
     * @param dir the script's output directory
     * @return the image files in it (they may not exist yet)
     */
    public static GuestImage in(Path dir) {
        return new GuestImage(dir.resolve("vmlinuz"), dir.resolve("initramfs.gz"));
    }

    /** @return whether both files are there */
    public boolean exists() {
        return Files.isRegularFile(kernel) && Files.isRegularFile(initramfs);
    }

    /**
     * Kernel arguments for this image: serial console, no reboot on panic (QEMU runs with {@code -no-reboot},
     * so a panicking guest ends its QEMU), {@code no_timer_check} (under TCG on a loaded host the kernel's
     * timer IRQ check fails and it panics with "IO-APIC + timer doesn't work!"), the NICs in guest order and
     * the routes.
     *
     * @param nics guest interface name to address, in order ({@code eth0} first)
     * @param mtu MTU of every NIC, or 0 for the kernel's default
     * @param routes {@code DEST,VIA} pairs such as {@code default,10.99.0.1}
     * @return the {@code -append} string
     */
    public static String kernelArgs(Map<String, Ipv4Prefix> nics, int mtu, List<String> routes) {
        List<String> args = new ArrayList<>(List.of("console=ttyS0", "panic=-1", "no_timer_check", "quiet"));
        new LinkedHashMap<>(nics).forEach((name, ip) -> args.add("vw.nic=" + name + "," + ip.address() + "/"
                + ip.length() + (mtu > 0 ? "," + mtu : "")));
        routes.forEach(r -> args.add("vw.route=" + r));
        return String.join(" ", args);
    }
}
