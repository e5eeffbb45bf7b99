package org.virtualwire.tunnel.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Ipv4Prefix;

/** What {@code ip -o -4 addr show} prints is read with its labels: ours are the /32s labelled {@code <dev>:vw}. */
class AnchorAddressesTest {
    @Test
    void readsAddressesAndTellsOursByTheirLabel() {
        String out = """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                2: ul0@if5    inet 198.18.0.1/16 brd 198.18.255.255 scope global ul0\\       valid_lft forever preferred_lft forever
                2: ul0@if5    inet 198.18.0.3/32 scope global ul0:vw\\       valid_lft forever preferred_lft forever
                2: ul0@if5    inet 198.18.0.9/32 scope global ul0\\       valid_lft forever preferred_lft forever
                """;
        List<AnchorAddresses.Address> a = AnchorAddresses.parse(out);
        assertEquals(4, a.size(), a.toString());
        assertEquals(new AnchorAddresses.Address("ul0", Ipv4Prefix.parse("198.18.0.1/16"), "ul0"), a.get(1));
        assertTrue(a.get(2).ours(), "the labelled /32 is an anchor");
        assertTrue(!a.get(1).ours() && !a.get(3).ours(), "the host's own and someone else's /32 are not");
    }
}
