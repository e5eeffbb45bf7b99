package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.WireId;

/**
 * One forwarding rule of a gateway: VXLAN frames of one wire from one sender go to these destinations, and
 * nowhere else. A frame of a sender or wire no rule names is dropped.
 *
 * @param sender the sender's address: a host of the gateway's cloud (its underlay address) when
 *        {@code fromGateway} is false, another cloud's gateway (its public address) when true
 * @param fromGateway whether the sender is a remote gateway (frames arrive through the tunnel between gateways)
 * @param wire the wire, whose id is the VNI
 * @param toHosts underlay addresses of hosts of this cloud to send the frame to, as plain VXLAN
 * @param toGateways public addresses of other clouds' gateways to send the frame to, through the tunnel
 */
public record GatewayRoute(String sender, boolean fromGateway, WireId wire, List<String> toHosts,
        List<String> toGateways) {
    /** Copies the lists. */
    public GatewayRoute {
        toHosts = List.copyOf(toHosts);
        toGateways = List.copyOf(toGateways);
    }
}
