package org.virtualwire.gateway;

import java.net.InetSocketAddress;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.gateway.crypto.CipherSuite;
import org.virtualwire.gateway.crypto.KeyRing;
import org.virtualwire.gateway.relay.RelaySettings;
import org.virtualwire.gateway.table.Ipv4;
import org.virtualwire.gateway.xdp.XdpMode;

/**
 * The gateway's configuration, checked. Built from the configuration properties (see {@link GatewayConfig} for
 * the names and defaults); a bad value fails with a message naming the property, never a key's value.
 *
 * @param cloud the cloud served, or null when no gateway should run here
 * @param relay sockets and batching
 * @param hostPort the hosts' VXLAN port
 * @param suite how this gateway seals
 * @param plainAllowed whether the desired state may turn encryption off for a peer
 * @param replaySkewMillis clock skew allowed between gateways (replay floor after a restart)
 * @param keys the pair keys
 */
public record GatewaySettings(CloudId cloud, RelaySettings relay, int hostPort, CipherSuite suite,
        boolean plainAllowed, long replaySkewMillis, KeyRing keys) {

    /**
     * @param p configuration properties
     * @return the settings
     * @throws IllegalArgumentException naming the property at fault
     */
    public static GatewaySettings from(Map<String, ?> p) {
        String cloud = text(p, "cloud", "");
        if (cloud.isEmpty()) {
            return new GatewaySettings(null, null, 0, CipherSuite.AES_GCM, false, 0, KeyRing.empty());
        }
        InetSocketAddress hostSide = address(p, "private.address", port(p, "private.port", 4789));
        InetSocketAddress peerSide = address(p, "public.address", port(p, "public.port", 4889));
        String transport = text(p, "transport", "epoll");
        if (!transport.equals("epoll") && !transport.equals("nio")) {
            throw new IllegalArgumentException("transport '" + transport + "' is not epoll or nio");
        }
        RelaySettings relay = new RelaySettings("vw-gateway-" + cloud, hostSide, peerSide, transport.equals("epoll"),
                number(p, "max.datagram", 2048), number(p, "batch", 64),
                Boolean.parseBoolean(text(p, "gso", "true")), Boolean.parseBoolean(text(p, "gro", "false")),
                Boolean.parseBoolean(text(p, "xdp", "true")), XdpMode.parse(text(p, "xdp.mode", "auto")));
        CipherSuite suite;
        try {
            suite = CipherSuite.byLabel(text(p, "cipher", "AES-GCM"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cipher: " + e.getMessage());
        }
        if (!suite.available()) {
            throw new IllegalArgumentException("cipher: " + suite.label() + " is not offered by this JDK");
        }
        return new GatewaySettings(new CloudId(cloud), relay, port(p, "host.port", 4789), suite,
                Boolean.parseBoolean(text(p, "plain.allowed", "false")),
                number(p, "replay.skew.seconds", 300) * 1000L, KeyRing.parse(p));
    }

    /** @return whether a gateway should run here */
    public boolean enabled() {
        return cloud != null;
    }

    /** A setting's text, trimmed; the fallback when it is missing or blank. */
    static String text(Map<String, ?> p, String name, String fallback) {
        Object v = p.get(name);
        return v == null || String.valueOf(v).isBlank() ? fallback : String.valueOf(v).trim();
    }

    /** A setting's whole number; the fallback when it is missing or blank. */
    static int number(Map<String, ?> p, String name, int fallback) {
        String v = text(p, name, String.valueOf(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
        }
    }

    private static int port(Map<String, ?> p, String name, int fallback) {
        int port = number(p, name, fallback);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": " + port + " is outside 0..65535");
        }
        return port;
    }

    private static InetSocketAddress address(Map<String, ?> p, String name, int port) {
        String v = text(p, name, "");
        try {
            return Ipv4.socket(v, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not an IPv4 address");
        }
    }
}
