package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/** The probe on two real namespaces joined by a veth pair: it counts every echo and sees an outage whole. */
class IcmpProbeTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String A = "vt" + ProcessHandle.current().pid() + "-pa";
    private static final String B = "vt" + ProcessHandle.current().pid() + "-pb";
    private static final EndpointId FROM = EndpointId.parse("a/eth0");
    private static final Duration MS = Duration.ofMillis(1);

    @BeforeEach
    void namespaces() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        KERNEL.run(List.of("ip", "netns", "add", A), null);
        KERNEL.run(List.of("ip", "netns", "add", B), null);
        KERNEL.batch("ip", A, List.of("link add eth0 type veth peer name eth0 netns " + B,
                "addr add 10.99.77.1/24 dev eth0", "link set eth0 up"));
        KERNEL.batch("ip", B, List.of("addr add 10.99.77.2/24 dev eth0", "link set eth0 up"));
        KERNEL.run(List.of("ip", "netns", "exec", A, "ping", "-c1", "-W2", "10.99.77.2"), null);
    }

    @AfterEach
    void remove() throws Exception {
        for (String ns : List.of(A, B)) {
            if (KERNEL.netnsExists(ns)) {
                KERNEL.run(List.of("ip", "netns", "del", ns), null);
            }
        }
    }

    @Test
    void everyEchoIsAnsweredOnAWorkingLink() throws Exception {
        ProbeResult r = IcmpProbe.run(A, FROM, "10.99.77.2", Duration.ofMillis(500), MS);
        assertTrue(r.sent() >= 250 && r.sent() <= 500, "sent " + r.sent());
        assertEquals(r.sent(), r.received(), r.toString());
        assertEquals(0, r.lost(), r.toString());
        assertEquals(0, r.duplicates(), r.toString());
        assertEquals(1.0, r.intervalMillis(), 1e-9);
    }

    @Test
    void anOutageShowsAsAGapAtLeastAsLongAndItsEchoesLost() throws Exception {
        CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return IcmpProbe.run(A, FROM, "10.99.77.2", Duration.ofMillis(1500), MS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        try (TcSession tc = TcSession.open(B)) { // B drops what it gets for 200 ms
            tc.run(List.of(PortFilters.ingress("eth0"), PortFilters.drop("eth0")));
        }
        Thread.sleep(200);
        KERNEL.run(List.of("tc", "-n", B, "qdisc", "del", "dev", "eth0", "ingress"), null);
        ProbeResult r = probe.get();
        // the drop is in place for at least the 200 ms slept (plus the time tc takes around it)
        assertTrue(r.longestGapMillis() >= 199, r.toString());
        assertTrue(r.lost() >= 195, r.toString());
        assertTrue(r.received() > 0 && r.received() + r.lost() == r.sent(), r.toString());
    }

    /**
     * The worst a loaded machine does to the probe's receiving thread: it does not run at all until the probe
     * stops. Every echo the kernel got an answer for still counts: the socket holds them all, and the receiver
     * reads what is queued before it ends. Before, it ended with the answers in the socket (all counted lost),
     * and the socket's default buffer held a few hundred of them.
     */
    @Test
    void answersQueuedWhileTheReceiverCouldNotRunAreCounted() throws Exception {
        int fd = IcmpProbe.open(A);
        try {
            IcmpProbe.Session s = new IcmpProbe.Session(fd, IcmpProbe.address("10.99.77.2"), MS.toNanos());
            long before = echoReplies(A);
            assertEquals(0, s.send(Duration.ofSeconds(3).toNanos()));
            long sent = s.result(FROM, "10.99.77.2").sent();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (echoReplies(A) - before < sent && System.nanoTime() < deadline) {
                Thread.sleep(10); // until A's kernel took in every answer: each is in the socket, or dropped there
            }
            s.stop();
            s.receive();
            ProbeResult r = s.result(FROM, "10.99.77.2");
            assertEquals(0, IcmpProbe.dropped(fd), "the socket dropped answers: " + r);
            assertEquals(r.sent(), r.received(), r.toString());
            assertEquals(0, r.lost(), r.toString());
        } finally {
            IcmpProbe.close(fd);
        }
    }

    /** @return the echo replies a namespace's kernel received (its ICMP counters) */
    private static long echoReplies(String ns) throws KernelException {
        String[] lines = KERNEL.exec(ns, "cat", "/proc/net/snmp").split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Icmp: ") && lines[i + 1].startsWith("Icmp: ")) {
                List<String> names = List.of(lines[i].split("\\s+"));
                return Long.parseLong(lines[i + 1].split("\\s+")[names.indexOf("InEchoReps")]);
            }
        }
        throw new IllegalStateException("no ICMP counters in " + ns);
    }

    @Test
    void aTargetThatIsNoAddressIsRefused() {
        assertThrows(VirtualWireException.class, () -> IcmpProbe.run(A, FROM, "10.99.77", MS, MS));
    }

    @Test
    void aSilentTargetIsAllLost() throws Exception {
        ProbeResult r = IcmpProbe.run(A, FROM, "10.99.77.9", Duration.ofMillis(100), MS);
        assertTrue(r.sent() > 0, r.toString());
        assertEquals(0, r.received(), r.toString());
        assertEquals(r.sent(), r.lost(), r.toString());
    }

    @Test
    void aTargetWithoutRouteSaysSo() {
        KernelException e = assertThrows(KernelException.class,
                () -> IcmpProbe.run(A, FROM, "10.99.78.9", Duration.ofMillis(100), MS));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }
}
