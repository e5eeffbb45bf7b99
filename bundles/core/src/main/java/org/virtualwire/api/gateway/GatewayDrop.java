package org.virtualwire.api.gateway;

/** Why a gateway threw a packet away. */
public enum GatewayDrop {
    /** The sender is neither a host nor a gateway of the current table (or a gateway without a key). */
    UNKNOWN_SENDER("unknown-sender"),
    /** The sender is known but may not send frames of this wire (VNI). */
    VNI_NOT_ALLOWED("vni-not-allowed"),
    /** A tunnel packet failed authentication: tampered, wrong key, or plain from a peer that must seal. */
    AUTH_FAILED("auth-failed"),
    /** A tunnel packet whose sequence number was seen already or is older than the replay window. */
    REPLAY("replay"),
    /** Too short, not VXLAN, or a tunnel header this gateway does not understand. */
    MALFORMED("malformed"),
    /** The route names a destination the gateway cannot send to (e.g. a sealed peer without a key). */
    NO_ROUTE("no-route"),
    /** The outgoing socket was backed up past its limit. */
    OVERFLOW("overflow");

    private final String label;

    GatewayDrop(String label) {
        this.label = label;
    }

    /** @return the reason as shown by the console and JMX, e.g. {@code auth-failed} */
    public String label() {
        return label;
    }
}
