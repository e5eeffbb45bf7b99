package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NicAliasTest {
    @Test
    void readsWhatItWrites() {
        NicAlias a = new NicAlias("web1/eth0", "l5.1z141z3", "12@34");
        assertEquals("vw:web1/eth0 via=l5.1z141z3 link=12@34", a.toString());
        assertEquals(a, NicAlias.parse(a.toString()));
        assertEquals(new NicAlias("vm1/eth0", "", ""), NicAlias.parse("vw:vm1/eth0"));
    }

    @Test
    void theLayoutBeforeLinksHasNoViaAndAnotherAliasIsNotOurs() {
        assertEquals(new NicAlias("web1/eth0", "", "7@3"), NicAlias.parse("vw:web1/eth0 link=7@3"));
        assertEquals(new NicAlias("", "", ""), NicAlias.parse("someone else's"));
        assertEquals(new NicAlias("", "", ""), NicAlias.parse(null));
    }

    @Test
    void aLocalLinkComesAndGoes() {
        NicAlias a = new NicAlias("web1/eth0", "l5.x", "");
        assertEquals("vw:web1/eth0 via=l5.x link=9@2", a.withLocal("9@2").toString());
        assertEquals(a, a.withLocal("9@2").withLocal(""));
    }
}
