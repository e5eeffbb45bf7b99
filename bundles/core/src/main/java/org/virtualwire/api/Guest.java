package org.virtualwire.api;

/**
 * Something that owns endpoints and runs on one host at a time.
 *
 * @param id the guest's name
 * @param kind container, switch or router
 * @param host where it runs now
 */
public record Guest(GuestId id, GuestKind kind, HostId host) {
}
