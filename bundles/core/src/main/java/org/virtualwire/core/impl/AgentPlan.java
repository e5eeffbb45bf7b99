package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.Wire;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.LocalLink;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.WireEnd;

/**
 * What one host should look like: the driver's part and, per tunnel protocol, the wire ends. Two equal
 * plans need no kernel work, which is how an agent skips revisions that do not concern its host.
 *
 * @param host the driver's plan
 * @param tunnels wire ends by protocol
 */
record AgentPlan(HostPlan host, Map<String, TunnelPlan> tunnels) {

    static AgentPlan of(Topology t, Host host, CloudDriver driver, Collection<String> protocols) {
        List<GuestPlan> guests = new ArrayList<>();
        for (Guest g : t.guestsOn(host.id())) {
            guests.add(new GuestPlan(g, t.endpointsOf(g.id())));
        }
        List<LocalLink> links = new ArrayList<>();
        Map<String, List<WireEnd>> ends = new TreeMap<>();
        // every installed protocol gets a plan, even an empty one, so that its last wire end is removed too
        protocols.forEach(p -> ends.put(p, new ArrayList<>()));
        for (Wire w : t.wires().values()) {
            Host ha = t.hostOf(w.a());
            Host hb = t.hostOf(w.b());
            Endpoint a = t.endpoints().get(w.a());
            Endpoint b = t.endpoints().get(w.b());
            if (ha.equals(host) && hb.equals(host)) {
                links.add(new LocalLink(w.id(), a, b));
            } else if (ha.equals(host) || hb.equals(host)) {
                Endpoint local = ha.equals(host) ? a : b;
                Host peer = ha.equals(host) ? hb : ha;
                ends.computeIfAbsent(w.tunnel(), k -> new ArrayList<>()).add(new WireEnd(w.id(),
                        driver.hostDevice(local), host.underlayAddress(), peer.underlayAddress()));
            }
        }
        String netns = driver.netns(host);
        Map<String, TunnelPlan> tunnels = new TreeMap<>();
        ends.forEach((protocol, list) -> tunnels.put(protocol, new TunnelPlan(host.id(), netns, list)));
        return new AgentPlan(new HostPlan(host, t.clouds().get(host.cloud()), guests, links), tunnels);
    }
}
