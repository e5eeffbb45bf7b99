package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/** A tc session runs its lines in its namespace and says which one the kernel refused. */
class TcSessionTest {
    private static final String NS = "vt" + ProcessHandle.current().pid() + "-tc";

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        Kernel.run(List.of("ip", "netns", "add", NS), null);
        Kernel.batch("ip", NS, List.of("link add a type veth peer name b", "link set a up", "link set b up"));
    }

    @AfterEach
    void remove() throws Exception {
        if (Kernel.netnsExists(NS)) {
            Kernel.run(List.of("ip", "netns", "del", NS), null);
        }
    }

    @Test
    void runsItsLinesInItsNamespace() throws Exception {
        try (TcSession tc = TcSession.open(NS)) {
            tc.run(List.of(PortFilters.ingress("a"), PortFilters.ingress("b"), PortFilters.portToLink("a", "b"),
                    PortFilters.drop("b")));
            tc.run(List.of(PortFilters.linkToPort("b", "a"))); // the drop replaced in place
        }
        String a = Kernel.run(List.of("tc", "-n", NS, "filter", "show", "dev", "a", "ingress"), null);
        String b = Kernel.run(List.of("tc", "-n", NS, "filter", "show", "dev", "b", "ingress"), null);
        assertTrue(a.contains("Redirect to device b"), a);
        assertTrue(b.contains("Redirect to device a") && !b.contains("direct-action"), b);
    }

    @Test
    void aRefusedLineEndsTheSessionWithTheKernelsWords() throws Exception {
        try (TcSession tc = TcSession.open(NS)) {
            KernelException e = assertThrows(KernelException.class, () -> tc.run(List.of(PortFilters.drop("nosuch"))));
            assertTrue(e.getMessage().contains("nosuch") || e.getMessage().contains("Cannot find device"), e.getMessage());
        }
    }
}
