package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/** A tc session runs its lines in its namespace and says which ones the kernel refused, and why. */
class TcSessionTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String NS = "vt" + ProcessHandle.current().pid() + "-tc";

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        KERNEL.run(List.of("ip", "netns", "add", NS), null);
        KERNEL.batch("ip", NS, List.of("link add ta type veth peer name tb", "link set ta up", "link set tb up"));
    }

    @AfterEach
    void remove() throws Exception {
        if (KERNEL.netnsExists(NS)) {
            KERNEL.run(List.of("ip", "netns", "del", NS), null);
        }
    }

    @Test
    void runsItsLinesInItsNamespace() throws Exception {
        try (TcSession tc = TcSession.open(NS)) {
            tc.run(List.of(PortFilters.ingress("ta"), PortFilters.ingress("tb"), PortFilters.portToLink("ta", "tb"),
                    PortFilters.drop("tb")));
            tc.run(List.of(PortFilters.linkToPort("tb", "ta"))); // the drop replaced in place
        }
        String a = KERNEL.run(List.of("tc", "-n", NS, "filter", "show", "dev", "ta", "ingress"), null);
        String b = KERNEL.run(List.of("tc", "-n", NS, "filter", "show", "dev", "tb", "ingress"), null);
        assertTrue(a.contains("Redirect to device tb"), a);
        assertTrue(b.contains("Redirect to device ta") && !b.contains("direct-action"), b);
    }

    @Test
    void aRefusedLineEndsTheSessionWithTheKernelsWords() throws Exception {
        try (TcSession tc = TcSession.open(NS)) {
            KernelException e = assertThrows(KernelException.class,
                    () -> tc.run(List.of(PortFilters.ingress("ta"), PortFilters.drop("nosuch"), PortFilters.drop("ta"))));
            assertTrue(e.getMessage().contains("'" + PortFilters.drop("nosuch") + "': Cannot find device \"nosuch\""),
                    e.getMessage());
            assertTrue(!e.getMessage().contains(PortFilters.drop("ta")), "the other lines worked: " + e.getMessage());
            tc.run(List.of(PortFilters.linkToPort("ta", "tb"))); // and the session goes on
        }
    }
}
