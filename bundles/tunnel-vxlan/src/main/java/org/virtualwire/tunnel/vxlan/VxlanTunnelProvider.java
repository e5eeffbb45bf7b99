package org.virtualwire.tunnel.vxlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.Tc;

/**
 * Wire ends as kernel VXLAN devices ({@code vx<vni>}, UDP 4789, no learning, UDP checksums so the
 * receiver's GRO can merge segments) joined point to point to the endpoint's host-side device by tc
 * mirred redirects both ways: no bridge, no MAC learning, no flooding. A wire end is complete once the
 * device carries its alias (written last); a re-pointed peer is changed in place, which loses nothing.
 */
@Component(service = TunnelProvider.class)
public class VxlanTunnelProvider implements TunnelProvider {
    static final String PROTOCOL = "vxlan";
    static final int OVERHEAD = 50;
    static final int PORT = 4789;

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
        Kernel.links(plan.netns()).forEach(l -> links.put(l.name(), l));
        Map<String, WireEnd> wanted = new HashMap<>();
        plan.ends().forEach(e -> wanted.put(device(e), e));

        List<String> doomed = new ArrayList<>();
        for (Link l : links.values()) {
            if (VxlanAlias.isOurs(l)) {
                WireEnd e = wanted.get(l.name());
                if (e == null || l.vni() != e.wire().vni() || !VxlanAlias.local(l.alias()).equals(e.localAddress())) {
                    doomed.add(l.name());
                }
            }
        }
        Kernel.deleteLinks(plan.netns(), doomed);
        doomed.forEach(links::remove);

        List<String> create = new ArrayList<>();
        List<String> tc = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (WireEnd e : plan.ends()) {
            String vx = device(e);
            Link endpoint = links.get(e.device());
            if (endpoint == null) {
                throw new KernelException("wire " + e.wire() + ": device " + e.device() + " does not exist on host " + plan.host());
            }
            Link existing = links.get(vx);
            String alias = VxlanAlias.of(e, endpoint.ifindex());
            if (existing != null && alias.equals(existing.alias())) {
                continue; // right as it is: not touched, traffic keeps flowing
            }
            if (existing == null) {
                create.add("link add " + vx + " type vxlan id " + e.wire().vni() + " local " + e.localAddress()
                        + " remote " + e.remoteAddress() + " dstport " + PORT + " nolearning udpcsum");
                create.add("link set " + vx + " up");
            } else if (!e.remoteAddress().equals(existing.remote())) {
                create.add("link set " + vx + " type vxlan remote " + e.remoteAddress());
            }
            tc.addAll(Tc.redirect(e.device(), vx));
            tc.addAll(Tc.redirect(vx, e.device()));
            marks.add("link set dev " + vx + " alias \"" + alias + "\"");
        }
        Kernel.batch("ip", plan.netns(), create);
        Kernel.batch("tc", plan.netns(), tc);
        Kernel.batch("ip", plan.netns(), marks);
    }

    static String device(WireEnd e) {
        return "vx" + e.wire().vni();
    }
}
