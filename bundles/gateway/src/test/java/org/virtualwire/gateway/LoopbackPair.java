package org.virtualwire.gateway;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.virtualwire.gateway.crypto.TestKeys;
import org.virtualwire.spi.gateway.GatewayPeer;

/**
 * Two gateways on the loopback, A and B, with a shared pair key, and three hosts: a1 in A's cloud, b1 and b2 in
 * B's. Each gateway and host has its own 127.x address, so the gateways know them by address as they would know
 * real hosts. Nothing outside 127.0.0.0/8 is used and no interface is touched.
 */
final class LoopbackPair implements AutoCloseable {

    static final String A_PRIVATE = "127.0.10.1";
    static final String A_PUBLIC = "127.0.20.1";
    static final String B_PRIVATE = "127.0.11.1";
    static final String B_PUBLIC = "127.0.20.2";
    static final String A1 = "127.0.10.11";
    static final String B1 = "127.0.11.11";
    static final String B2 = "127.0.11.12";

    final String key = TestKeys.newKey();
    final TestHost a1;
    final TestHost b1;
    final TestHost b2;
    final Gateway a;
    final Gateway b;

    /**
     * @param cipher the suite both gateways seal with
     * @param plainAllowed whether both allow plain peers
     * @param transport epoll or nio
     */
    LoopbackPair(String cipher, boolean plainAllowed, String transport) throws Exception {
        a1 = new TestHost(A1, 0);
        int hostPort = a1.address().getPort();
        b1 = new TestHost(B1, hostPort);
        b2 = new TestHost(B2, hostPort);
        a = new Gateway(GatewaySettings.from(config("a", A_PRIVATE, A_PUBLIC, B_PUBLIC, hostPort, cipher,
                plainAllowed, transport))).start();
        b = new Gateway(GatewaySettings.from(config("b", B_PRIVATE, B_PUBLIC, A_PUBLIC, hostPort, cipher,
                plainAllowed, transport))).start();
    }

    Map<String, Object> config(String cloud, String priv, String pub, String peer, int hostPort,
            String cipher, boolean plainAllowed, String transport) {
        Map<String, Object> c = new HashMap<>();
        c.put("cloud", cloud);
        c.put("private.address", priv);
        c.put("private.port", "0");
        c.put("public.address", pub);
        c.put("public.port", "0");
        c.put("host.port", String.valueOf(hostPort));
        c.put("cipher", cipher);
        c.put("plain.allowed", String.valueOf(plainAllowed));
        c.put("transport", transport);
        c.put("key." + peer, "7:" + key);
        return c;
    }

    /** @return B as A's peer */
    GatewayPeer peerB(boolean sealed) {
        return new GatewayPeer(B_PUBLIC, b.relay().peerSideAddress().getPort(), sealed);
    }

    /** @return A as B's peer */
    GatewayPeer peerA(boolean sealed) {
        return new GatewayPeer(A_PUBLIC, a.relay().peerSideAddress().getPort(), sealed);
    }

    /** Where a1 sends its VXLAN packets: A's private socket. */
    InetSocketAddress aPrivate() {
        return a.relay().hostSideAddress();
    }

    /** Sets up wire {@code vni} from a1 to b1 (and b2, if given) in both directions. */
    void wire(int vni, boolean sealed, String... bHosts) {
        a.apply(Plans.crossing(1, peerB(sealed), vni, A1));
        b.apply(Plans.crossing(1, peerA(sealed), vni, bHosts));
    }

    /** Waits (at most 10 s) until the condition holds; the caller asserts it afterwards. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
        a1.close();
        b1.close();
        b2.close();
    }
}
