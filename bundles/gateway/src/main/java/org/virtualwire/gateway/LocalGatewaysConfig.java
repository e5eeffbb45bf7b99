package org.virtualwire.gateway;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the gateways this appliance runs for its clouds (PID {@code org.virtualwire.gateways}):
 * gateway hosts of the desired state, each in its host's network. Not to be confused with
 * {@code org.virtualwire.gateway}, a gateway machine of its own.
 */
@ObjectClassDefinition(id = "org.virtualwire.gateways", name = "VirtualWire gateways of this appliance's clouds")
@interface LocalGatewaysConfig {

    @AttributeDefinition(description = "Seal gateway-to-gateway traffic (encrypt and authenticate); false: plaintext")
    boolean encrypt() default true;

    @AttributeDefinition(description = "AEAD between gateways: AES-GCM or ChaCha20-Poly1305")
    String cipher() default "AES-GCM";

    @AttributeDefinition(description = "Secret each pair's key is derived from (base64, 32 bytes or more); empty: one "
            + "is made on first start and kept in data/virtualwire/gateway-pair.secret")
    String pair_secret() default "";

    @AttributeDefinition(description = "UDP port where hosts send VXLAN to their gateway, and of the hosts' VXLAN devices")
    int private_port() default 4789;

    @AttributeDefinition(description = "UDP port between gateways")
    int public_port() default 4889;

    @AttributeDefinition(description = "epoll (nio when epoll is unavailable) or nio")
    String transport() default "epoll";

    @AttributeDefinition(description = "Whether the relays receive through AF_XDP (an XDP filter on the gateway"
            + " hosts' interfaces) where the kernel allows, in front of their sockets (epoll)")
    boolean xdp() default false;

    @AttributeDefinition(description = "How the XDP filter is attached: auto (the driver's own XDP where it has"
            + " one, generic otherwise), native, or generic (on a veth it leaves the peer its TSO, but is slower)")
    String xdp_mode() default "auto";
}
