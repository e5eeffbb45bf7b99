package org.virtualwire.host.linux.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;

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
    /** Arguments every boot of the image needs; see {@link #kernelArgs}. */
    public static final List<String> BASE_ARGS = List.of("console=ttyS0", "panic=-1", "no_timer_check", "quiet");

    /**
     * @param dir the script's output directory
     * @return the image files in it (they may not exist yet)
     */
    public static GuestImage in(Path dir) {
        return new GuestImage(dir.resolve("vmlinuz"), dir.resolve("initramfs.gz"));
    }

    /**
     * Finds the image: in the configured folder if there is one, else in {@code ${karaf.home}/guest-image}, else
     * in {@code target/guest-image} of the source tree around the working directory (tests, demos).
     *
     * @param configured the folder from the driver's configuration, or blank
     * @return the image
     * @throws VirtualWireException naming {@code guestImage} and saying how to build it, if it is nowhere
     */
    public static GuestImage locate(String configured) {
        List<Path> tried = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            tried.add(Path.of(configured.strip()));
        } else {
            String karaf = System.getProperty("karaf.home");
            if (karaf != null) {
                tried.add(Path.of(karaf, "guest-image"));
            }
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("scripts/guest-image.sh"))) {
                    tried.add(d.resolve("target/guest-image"));
                    break;
                }
            }
        }
        for (Path dir : tried) {
            if (in(dir).exists()) {
                return in(dir);
            }
        }
        String where = tried.isEmpty() ? "${karaf.home}/guest-image" : tried.get(0).toString();
        throw new VirtualWireException("guestImage", "the VM guest image (vmlinuz, initramfs.gz) is missing in "
                + (tried.isEmpty() ? where : tried) + ": build it with scripts/guest-image.sh " + where
                + ", or set guestImage in org.virtualwire.driver.local.cfg");
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
        List<String> args = new ArrayList<>(BASE_ARGS);
        new LinkedHashMap<>(nics).forEach((name, ip) -> args.add(nicArg(name, ip, mtu)));
        routes.forEach(r -> args.add("vw.route=" + r));
        return String.join(" ", args);
    }

    /**
     * @param name the interface inside the guest ({@code eth0} for the first NIC)
     * @param ip its address and prefix
     * @param mtu its MTU, or 0 for the kernel's default
     * @return the {@code vw.nic=} kernel argument
     */
    public static String nicArg(String name, Ipv4Prefix ip, int mtu) {
        return "vw.nic=" + name + "," + ip.address() + "/" + ip.length() + (mtu > 0 ? "," + mtu : "");
    }
}
