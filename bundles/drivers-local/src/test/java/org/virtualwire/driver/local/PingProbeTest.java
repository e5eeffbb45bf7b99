package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;

class PingProbeTest {
    private static final EndpointId FROM = EndpointId.parse("web1/eth0");

    @Test
    void countsGapsLossesDuplicatesAndReordering() {
        String out = String.join("\n",
                "PING 10.99.0.2 (10.99.0.2) 56(84) bytes of data.",
                "[1000.000] 64 bytes from 10.99.0.2: icmp_seq=1 ttl=64 time=0.1 ms",
                "[1000.001] 64 bytes from 10.99.0.2: icmp_seq=2 ttl=64 time=0.1 ms",
                "[1000.031] 64 bytes from 10.99.0.2: icmp_seq=5 ttl=64 time=0.1 ms",
                "[1000.032] 64 bytes from 10.99.0.2: icmp_seq=4 ttl=64 time=0.1 ms",
                "[1000.033] 64 bytes from 10.99.0.2: icmp_seq=4 ttl=64 time=0.1 ms (DUP!)",
                "[1000.034] 64 bytes from 10.99.0.2: icmp_seq=6 ttl=64 time=0.1 ms",
                "[1000.035] From 10.99.0.1 icmp_seq=7 Destination Host Unreachable",
                "",
                "--- 10.99.0.2 ping statistics ---",
                "8 packets transmitted, 5 received, +1 duplicates, 37.5% packet loss, time 7ms");
        ProbeResult r = PingProbe.parse(FROM, "10.99.0.2", out, 1.0);
        assertEquals(8, r.sent());
        assertEquals(5, r.received());
        assertEquals(3, r.lost());
        assertEquals(1, r.duplicates());
        assertEquals(1, r.reordered());
        assertEquals(30.0, r.longestGapMillis(), 0.01);
    }

    @Test
    void nothingAnsweredIsOneGapAsLongAsTheProbe() {
        ProbeResult r = PingProbe.parse(FROM, "10.99.0.2", "100 packets transmitted, 0 received, 100% packet loss", 1.0);
        assertEquals(100, r.lost());
        assertEquals(100.0, r.longestGapMillis(), 0.01);
    }
}
