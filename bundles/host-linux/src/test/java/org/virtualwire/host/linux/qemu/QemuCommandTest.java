package org.virtualwire.host.linux.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;

class QemuCommandTest {
    private static QemuCommand command() {
        return new QemuCommand()
                .boot(Path.of("/img/vmlinuz"), Path.of("/img/initramfs.gz"), "console=ttyS0")
                .files(Path.of("/run/g/serial.log"), Path.of("/run/g/qmp.sock"), Path.of("/run/g/qemu.pid"))
                .nic("ve1", MacAddress.parse("02:76:00:00:00:01"))
                .nic("ve2", MacAddress.parse("02:76:00:00:00:02"));
    }

    /** The value that follows an option; fails if the option is missing. */
    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), option + " missing in " + args);
        return args.get(i + 1);
    }

    @Test
    void eachNicIsATapBackedVirtioDeviceInOrder() {
        List<String> a = command().toArgs();
        assertEquals("qemu-system-x86_64", a.get(0));
        assertEquals("tcg", after(a, "-accel"));
        assertEquals("128", after(a, "-m"));
        assertEquals("file:/run/g/serial.log", after(a, "-serial"));
        assertEquals("unix:/run/g/qmp.sock,server=on,wait=off", after(a, "-qmp"));
        assertEquals("/run/g/qemu.pid", after(a, "-pidfile"));
        assertEquals(2, Collections.frequency(a, "-netdev"));
        int first = a.indexOf("tap,id=n0,ifname=ve1,script=no,downscript=no");
        int second = a.indexOf("tap,id=n1,ifname=ve2,script=no,downscript=no");
        assertTrue(first > 0 && second > first, "NICs out of order: " + a);
        assertTrue(a.contains("virtio-net-pci,netdev=n1,mac=02:76:00:00:00:02,romfile="));
        assertTrue(a.contains("-daemonize"));
        assertFalse(a.contains("-incoming"), "a source must not wait for a migration");
    }

    @Test
    void aDestinationListensForTheMigration() {
        assertEquals("tcp:198.18.0.2:4444", after(command().incoming("tcp:198.18.0.2:4444").toArgs(), "-incoming"));
        assertEquals("defer", after(command().incoming("defer").toArgs(), "-incoming"));
    }

    @Test
    void guestKernelArgsNameEveryNicInOrder() {
        Map<String, Ipv4Prefix> nics = new LinkedHashMap<>();
        nics.put("eth0", Ipv4Prefix.parse("10.99.0.5/24"));
        nics.put("eth1", Ipv4Prefix.parse("10.99.1.5/24"));
        String args = GuestImage.kernelArgs(nics, 1450, List.of("default,10.99.0.1"));
        assertTrue(args.startsWith("console=ttyS0 "), args);
        assertTrue(args.endsWith("vw.nic=eth0,10.99.0.5/24,1450 vw.nic=eth1,10.99.1.5/24,1450 vw.route=default,10.99.0.1"), args);
        assertFalse(GuestImage.kernelArgs(nics, 0, List.of()).contains(",1450"));
    }
}
