package org.virtualwire.tunnel.vxlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.spi.linux.Tc;

/**
 * Wire ends as kernel VXLAN devices ({@code vx<vni>}, UDP 4789, no learning, UDP checksums so the
 * receiver's GRO can merge segments) joined point to point to the endpoint's host-side device by tc
 * mirred redirects both ways: no bridge, no MAC learning, no flooding. A wire end is complete once the
 * device carries its alias (written last); a re-pointed peer is changed in place, which loses nothing.
 * While a peer moves, a wire end sends to two hosts at once (two default destinations) and, when the peer
 * is also on this host, mirrors its frames to the peer's device too. Frames from any other underlay address
 * are dropped and counted ({@link UnderlayFilter}). The endpoint's device may be missing
 * (a driver that has not made it yet): the tunnel is made and joined when the device is there.
 */
@Component(service = TunnelProvider.class)
public class VxlanTunnelProvider implements TunnelProvider {
    static final String PROTOCOL = "vxlan";
    static final int OVERHEAD = 50;
    static final int PORT = 4789;

    private final Kernel kernel;
    private final UnderlayFilter filter;
    private final AnchorAddresses anchors;

    /** The OSGi component: the machine's real kernel. */
    public VxlanTunnelProvider() {
        this(new LinuxKernel());
    }

    /**
     * @param kernel where the wire ends are made (a recording fake in unit tests)
     */
    public VxlanTunnelProvider(Kernel kernel) {
        this.kernel = kernel;
        this.filter = new UnderlayFilter(kernel);
        this.anchors = new AnchorAddresses(kernel);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public int overhead() {
        return OVERHEAD;
    }

    @Override
    public void reconcile(TunnelPlan plan) throws KernelException {
        Map<String, Link> links = new HashMap<>();
        kernel.links(plan.netns()).forEach(l -> links.put(l.name(), l));
        Map<String, WireEnd> wanted = new LinkedHashMap<>();
        plan.ends().forEach(e -> wanted.putIfAbsent(device(e), e));
        // first: a new wire end's far host is let in before the device can take its frames. A host that has
        // and had no wire end (a gateway: its agent's pass goes on to the relay's table) is not asked at all
        if (!plan.ends().isEmpty() || links.values().stream().anyMatch(VxlanAlias::isOurs)) {
            filter.reconcile(plan.netns(), plan.ends());
        }

        // a host that holds or held an anchor (a wire to an outside VTEP), asked before its devices go
        boolean anchored = plan.ends().stream().anyMatch(e -> e.anchor() != null)
                || links.values().stream().anyMatch(l -> VxlanAlias.isOurs(l) && l.alias().endsWith(VxlanAlias.HELD));
        List<String> doomed = new ArrayList<>();
        for (Link l : links.values()) {
            if (VxlanAlias.isOurs(l)) {
                WireEnd e = wanted.get(l.name());
                if (e == null || l.vni() != e.wire().vni() || !VxlanAlias.local(l.alias()).equals(e.localAddress())) {
                    doomed.add(l.name());
                }
            }
        }
        kernel.deleteLinks(plan.netns(), doomed);
        doomed.forEach(links::remove);

        Changes changes = new Changes();
        for (WireEnd e : wanted.values()) {
            apply(e, links, changes);
        }
        kernel.batch("ip", plan.netns(), changes.create);
        kernel.batch("bridge", plan.netns(), changes.fdb);
        kernel.batchTolerant("tc", plan.netns(), changes.qdiscs);
        kernel.batch("tc", plan.netns(), changes.tc);
        kernel.batch("ip", plan.netns(), changes.marks);
        // last: the anchors of wires to outside VTEPs, once their ends are joined
        if (anchored) {
            anchors.reconcile(plan.netns(), plan.ends());
        }
    }

    @Override
    public long filtered(String netns, WireId wire) throws KernelException {
        return filter.dropped(netns, wire.vni());
    }

    /** Kernel changes of one pass, in batches: devices, destinations, ingress qdiscs, joins, then the marks. */
    private static final class Changes {
        final List<String> create = new ArrayList<>();
        final List<String> fdb = new ArrayList<>();
        final List<String> qdiscs = new ArrayList<>();
        final List<String> tc = new ArrayList<>();
        final List<String> marks = new ArrayList<>();
    }

    private static void apply(WireEnd e, Map<String, Link> links, Changes c) {
        String vx = device(e);
        Link endpoint = links.get(e.device());
        Link peer = e.localPeer() == null ? null : links.get(e.localPeer());
        Link existing = links.get(vx);
        String alias = VxlanAlias.of(e, endpoint == null ? 0 : endpoint.ifindex(), peer == null ? 0 : peer.ifindex());
        List<String> remotes = e.remoteAddresses();
        if (existing != null && alias.equals(existing.alias()) && remotes.contains(existing.remote())) {
            return; // right as it is: not touched, traffic keeps flowing
        }
        if (existing == null) {
            c.create.add("link add " + vx + " type vxlan id " + e.wire().vni() + " local " + e.localAddress()
                    + " remote " + remotes.get(0) + " dstport " + PORT + " nolearning udpcsum");
            c.create.add("link set " + vx + " up");
            remotes.stream().skip(1).forEach(r -> c.fdb.add(fdb("append", vx, r)));
        } else {
            repoint(vx, existing, remotes, c);
        }
        if (endpoint != null) {
            c.qdiscs.add(Tc.ingress(e.device()));
            c.qdiscs.add(Tc.ingress(vx));
            c.tc.add(Tc.redirect(e.device(), peer == null ? null : e.localPeer(), vx));
            c.tc.add(Tc.redirect(vx, e.device()));
        }
        c.marks.add("link set dev " + vx + " alias \"" + alias + "\"");
    }

    /**
     * Changes a wire end's destinations in place. The device's own {@code remote} is one of its default
     * destinations (the kernel's default entry); it follows the plan, so that {@code ip -d link} names a host
     * the frames really go to: it stays while it is still planned, else the first planned host takes its place
     * ({@code link set ... remote}, which adds the new entry and removes the old one in one step: lossless).
     * Other new destinations are appended first and old ones deleted last: a frame always has somewhere to go.
     */
    private static void repoint(String vx, Link existing, List<String> remotes, Changes c) {
        List<String> old = VxlanAlias.remotes(existing.alias());
        List<String> was = old.isEmpty() ? List.of(existing.remote()) : old;
        String device = existing.remote();
        String next = remotes.contains(device) ? device : remotes.get(0);
        remotes.stream().filter(r -> !was.contains(r) && !r.equals(next)).forEach(r -> c.fdb.add(fdb("append", vx, r)));
        if (!next.equals(device)) {
            c.create.add("link set " + vx + " type vxlan remote " + next);
        }
        was.stream().filter(r -> !remotes.contains(r) && !r.equals(device)).forEach(r -> c.fdb.add(fdb("del", vx, r)));
    }

    private static String fdb(String verb, String vx, String remote) {
        return "fdb " + verb + " 00:00:00:00:00:00 dev " + vx + " dst " + remote;
    }

    static String device(WireEnd e) {
        return "vx" + e.wire().vni();
    }

    /** Each planned wire end's device is there and up (one look at the namespace's devices). */
    @Override
    public void verify(TunnelPlan plan) throws KernelException {
        Map<String, Link> links = new HashMap<>();
        kernel.links(plan.netns()).forEach(l -> links.put(l.name(), l));
        for (WireEnd e : plan.ends()) {
            Link vx = links.get(device(e));
            if (vx == null || !vx.up()) {
                throw new KernelException("wire " + e.wire() + ": its device " + device(e) + " is "
                        + (vx == null ? "missing" : "down") + " in " + plan.netns());
            }
        }
    }
}
