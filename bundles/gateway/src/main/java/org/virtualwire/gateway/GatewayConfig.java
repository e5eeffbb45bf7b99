package org.virtualwire.gateway;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this machine's gateway, PID {@code org.virtualwire.gateway}. The defaults here are for
 * metatype (the web console); {@link GatewaySettings} applies the same ones. Pair keys are properties
 * {@code key.<peer public address> = <id>:<base64 key>[,...]}, which metatype cannot describe.
 */
@ObjectClassDefinition(id = "org.virtualwire.gateway", name = "VirtualWire cross-cloud gateway")
@interface GatewayConfig {

    @AttributeDefinition(description = "The cloud this gateway serves; empty: no gateway runs on this machine")
    String cloud() default "";

    @AttributeDefinition(description = "IPv4 address on the cloud's private underlay, where hosts send VXLAN")
    String private_address() default "";

    @AttributeDefinition(description = "UDP port of the private socket")
    int private_port() default 4789;

    @AttributeDefinition(description = "UDP port of the hosts' VXLAN devices")
    int host_port() default 4789;

    @AttributeDefinition(description = "IPv4 address on the inter-cloud network, where peer gateways send")
    String public_address() default "";

    @AttributeDefinition(description = "UDP port of the gateway-to-gateway tunnel")
    int public_port() default 4889;

    @AttributeDefinition(description = "AEAD for gateway-to-gateway traffic: AES-GCM or ChaCha20-Poly1305")
    String cipher() default "AES-GCM";

    @AttributeDefinition(description = "Whether the desired state may turn encryption off for a peer")
    boolean plain_allowed() default false;

    @AttributeDefinition(description = "How far behind a peer's clock may be, s; 0 accepts packets of a peer's "
            + "earlier runs after this gateway restarts")
    int replay_skew_seconds() default 300;

    @AttributeDefinition(description = "Largest datagram received whole, bytes")
    int max_datagram() default 2048;

    @AttributeDefinition(description = "Datagrams per receive system call")
    int batch() default 64;

    @AttributeDefinition(description = "Whether datagrams to one destination leave in UDP GSO batches (epoll)")
    boolean gso() default true;

    @AttributeDefinition(description = "Whether runs of datagrams of one flow are received as one (UDP GRO, epoll)")
    boolean gro() default false;

    @AttributeDefinition(description = "Whether datagrams are received through AF_XDP (an XDP filter on the"
            + " gateway's interfaces) where the kernel allows, in front of the sockets (epoll); false: sockets only")
    boolean xdp() default true;

    @AttributeDefinition(description = "How the XDP filter is attached: auto (the driver's own XDP where it has"
            + " one, generic otherwise), native, or generic (on a veth it leaves the peer its TSO, but is slower)")
    String xdp_mode() default "auto";

    @AttributeDefinition(description = "epoll (nio when epoll is unavailable) or nio")
    String transport() default "epoll";
}
