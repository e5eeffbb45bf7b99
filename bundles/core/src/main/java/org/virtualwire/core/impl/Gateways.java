package org.virtualwire.core.impl;

import java.util.Collection;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;

/**
 * Rules about clouds' gateways: one per cloud, public addresses unique, and a wire between two clouds goes
 * host, own gateway, remote gateway, host, so both clouds need one.
 */
final class Gateways {
    private Gateways() {
    }

    /** Checks a new gateway of a cloud before it is stored. */
    static void checkNew(Collection<Host> hosts, Cloud cloud, String publicAddress) {
        Ipv4Prefix.toInt(publicAddress);
        Host.gatewayOf(hosts, cloud.id()).ifPresent(g -> {
            throw new VirtualWireException("host", "cloud " + cloud.id() + " already has a gateway: " + g.id());
        });
        hosts.stream().filter(h -> publicAddress.equals(h.publicAddress())).findFirst().ifPresent(h -> {
            throw new VirtualWireException("address", "public address " + publicAddress + " is taken by gateway " + h.id());
        });
    }

    /** Checks that frames can go between two hosts: same cloud, or both clouds have a gateway. */
    static void checkPath(Collection<Host> hosts, Host a, Host b) {
        if (a.cloud().equals(b.cloud())) {
            return;
        }
        for (Host h : new Host[] {a, b}) {
            if (Host.gatewayOf(hosts, h.cloud()).isEmpty()) {
                throw new VirtualWireException("host", "hosts " + a.id() + " (cloud " + a.cloud() + ") and " + b.id()
                        + " (cloud " + b.cloud() + ") are in different clouds and cloud " + h.cloud()
                        + " has no gateway: add one with vw:host-add --cloud " + h.cloud() + " --public ADDRESS NAME");
            }
        }
    }
}
