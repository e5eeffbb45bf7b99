package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.gateway.crypto.CipherSuite;
import org.virtualwire.gateway.crypto.TestKeys;
import org.virtualwire.gateway.table.Ipv4;
import org.virtualwire.gateway.xdp.XdpMode;

/** The gateway's configuration: defaults, and refusals that name the property but never quote a key. */
class GatewaySettingsTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> p = new HashMap<>();
        p.put("cloud", "east");
        p.put("private.address", "198.18.1.2");
        p.put("public.address", "198.19.0.1");
        return p;
    }

    @Test
    void noCloudMeansNoGateway() {
        assertFalse(GatewaySettings.from(Map.of("cloud", "")).enabled());
        assertFalse(GatewaySettings.from(Map.of()).enabled());
    }

    @Test
    void defaultsSealWithAesGcmOnTheUsualPorts() {
        GatewaySettings s = GatewaySettings.from(minimal());
        assertTrue(s.enabled());
        assertEquals(CipherSuite.AES_GCM, s.suite());
        assertFalse(s.plainAllowed());
        assertEquals(4789, s.relay().hostSide().getPort());
        assertEquals(4889, s.relay().peerSide().getPort());
        assertEquals(4789, s.hostPort());
        assertTrue(s.relay().gso());
        assertFalse(s.relay().gro());
        assertTrue(s.relay().xdp());
        assertEquals(XdpMode.AUTO, s.relay().xdpMode());
    }

    @Test
    void keysAreReadPerPeerAndNeverQuotedWhenWrong() {
        Map<String, Object> p = minimal();
        String key = TestKeys.newKey();
        p.put("key.198.19.0.2", "1:" + key + ", 2:" + TestKeys.newKey());
        GatewaySettings s = GatewaySettings.from(p);
        assertEquals(2, s.keys().keysOf(Ipv4.parse("198.19.0.2")).size());
        assertEquals(1, s.keys().keysOf(Ipv4.parse("198.19.0.2")).get(0).id());
        assertFalse(s.keys().toString().contains(key));

        for (String bad : new String[] {key, "x:" + key, "1:" + key + "!", "1:" + key.substring(0, 8),
            "1:" + key + ",1:" + key}) {
            p.put("key.198.19.0.2", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(p));
            assertTrue(e.getMessage().startsWith("key.198.19.0.2: "), e.getMessage());
            assertFalse(e.getMessage().contains(key.substring(0, 8)), "the message quotes the key: " + e.getMessage());
        }
    }

    @Test
    void badValuesNameTheirProperty() {
        Map<String, Object> p = minimal();
        p.put("public.address", "gateway.example");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(p)).getMessage()
                .startsWith("public.address:"));
        p.put("public.address", "198.19.0.1");
        p.put("cipher", "DES");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(p)).getMessage()
                .startsWith("cipher:"));
        p.put("cipher", "chacha20-poly1305");
        assertEquals(CipherSuite.CHACHA20_POLY1305, GatewaySettings.from(p).suite());
        p.put("public.port", "70000");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(p)).getMessage()
                .startsWith("public.port:"));
        p.put("public.port", "4889");
        p.put("xdp.mode", "driver");
        assertEquals("xdp.mode 'driver' is not auto, native or generic",
                assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(p)).getMessage());
        p.put("xdp.mode", " Generic ");
        assertEquals(XdpMode.GENERIC, GatewaySettings.from(p).relay().xdpMode());
    }
}
