package org.virtualwire.driver.ec2;

import java.util.List;
import java.util.Optional;

import org.virtualwire.api.Host;
import org.virtualwire.api.VirtualWireException;

import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * A gateway's public address: an Elastic IP of the account, named by the gateway's public address. The driver
 * associates it with the gateway's instance and tags it; when the gateway goes it is disassociated and released.
 */
final class ElasticIps {
    Optional<Address> find(Ec2Cloud c, String publicIp) {
        return c.calls().call("DescribeAddresses", () -> c.ec2().describeAddresses(r -> r.filters(
                Tags.filter("public-ip", publicIp)))).addresses().stream().findFirst();
    }

    List<Address> owned(Ec2Cloud c, String cloud) {
        return c.calls().call("DescribeAddresses", () -> c.ec2().describeAddresses(r -> r.filters(
                c.tags().filters(cloud, null)))).addresses();
    }

    /** Checks that the address is an Elastic IP of this account and region, free or already this gateway's. */
    void check(Ec2Cloud c, String publicIp) {
        Address a = find(c, publicIp).orElseThrow(() -> new VirtualWireException("address", "cloud " + c.name()
                + ": " + publicIp + " is not an Elastic IP of this account in " + c.settings().region()
                + " (allocate one: aws ec2 allocate-address --region " + c.settings().region() + ")"));
        if (a.instanceId() != null && !c.tags().owner().equals(Tags.get(a.tags(), Tags.OWNER))) {
            throw new VirtualWireException("address", "Elastic IP " + publicIp + " is in use by " + a.instanceId()
                    + ", which VirtualWire did not make");
        }
    }

    void attach(Ec2Cloud c, Host gateway, String instanceId) {
        Address a = find(c, gateway.publicAddress()).orElseThrow(() -> new VirtualWireException("address",
                "Elastic IP " + gateway.publicAddress() + " of gateway " + gateway.id() + " is gone"));
        if (!c.tags().owner().equals(Tags.get(a.tags(), Tags.OWNER))) {
            List<Tag> tags = c.tags().of(c.name(), gateway.id().name(), c.settings().tags()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            c.calls().run("CreateTags", () -> c.ec2().createTags(r -> r.resources(a.allocationId()).tags(tags)));
        }
        if (!instanceId.equals(a.instanceId())) {
            c.calls().run("AssociateAddress", () -> c.ec2().associateAddress(r -> r.allocationId(a.allocationId())
                    .instanceId(instanceId).allowReassociation(false)));
        }
    }

    void release(Ec2Cloud c, Address a) {
        if (a.associationId() != null) {
            c.calls().run("DisassociateAddress", () -> c.ec2().disassociateAddress(r -> r.associationId(
                    a.associationId())));
        }
        c.calls().run("ReleaseAddress", () -> c.ec2().releaseAddress(r -> r.allocationId(a.allocationId())));
    }
}
