package org.virtualwire.api;

/**
 * A wire as a listing shows it: where its ends run, the MTU it carries and its status, read together.
 *
 * @param wire the wire
 * @param hostA the host its end a runs on, or null if its guest is gone
 * @param hostB the host its end b runs on, or null if its guest is gone
 * @param mtu the MTU it carries end to end: the smaller of its two NICs' (0 if one is gone)
 * @param status how the agents of its two hosts report it
 */
public record WireView(Wire wire, HostId hostA, HostId hostB, int mtu, Status status) {
}
