import java.util.List;
import java.util.Map;

import org.virtualwire.api.WireId;
import org.virtualwire.gateway.Gateway;
import org.virtualwire.gateway.GatewaySettings;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayRoute;

/**
 * The gateway as the benchmark runs it: one relay (the product's classes, not a copy) with one wire.
 * encap: frames from host SRC (plain VXLAN on the private side) go to the peer gateway PEER, sealed or plain;
 * decap: plain tunnel packets from gateway SRC (public side) go to host PEER. Runs until killed, then prints
 * its counters.
 *
 *   java -cp CLASSPATH GatewayBenchMain.java encap|decap PRIVATE_IP PUBLIC_IP SRC PEER plain|AES-GCM|ChaCha20-Poly1305 epoll|nio
 */
public class GatewayBenchMain {
    public static void main(String[] a) throws Exception {
        boolean encap = a[0].equals("encap");
        boolean plain = a[5].equals("plain");
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]); // a benchmark, not a secret
        Map<String, Object> config = new java.util.HashMap<>(Map.of("cloud", "bench", "private.address", a[1],
                "public.address", a[2], "cipher", plain ? "AES-GCM" : a[5], "plain.allowed", "true",
                "transport", a[6], "key." + a[4], "1:" + key, "gro", System.getProperty("gro", "false"),
                "xdp", System.getProperty("xdp", "false"), "xdp.mode", System.getProperty("xdp.mode", "auto")));
        int vni = 4242;
        GatewayRoute route = encap
                ? new GatewayRoute(new WireId(vni), GatewayHop.host(a[3]), List.of(GatewayHop.gateway(a[4])))
                : new GatewayRoute(new WireId(vni), GatewayHop.gateway(a[3]), List.of(GatewayHop.host(a[4])));
        GatewayPeer peer = new GatewayPeer(encap ? a[4] : a[3], 4889, !plain);
        Gateway gateway = new Gateway(GatewaySettings.from(config)).start();
        gateway.apply(new GatewayPlan(1, List.of(peer), List.of(route)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("COUNTERS " + gateway.counters()
                + " xdp-kernel-drops=" + gateway.relay().xdpKernelDrops())));
        if (Boolean.getBoolean("xdp") && gateway.relay().xdpInterfaces().size() < 2) {
            // a row measured on the sockets under an AF_XDP label would be a wrong figure, not a slow one
            System.out.println("FAILED: not both interfaces on the AF_XDP fast path (see the warning above)");
            System.exit(1);
        }
        System.out.println("READY epoll=" + gateway.relay().epoll() + " xdp=" + gateway.relay().xdpInterfaces());
        Thread.sleep(Long.MAX_VALUE);
    }
}
