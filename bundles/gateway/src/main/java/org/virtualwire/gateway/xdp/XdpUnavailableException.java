package org.virtualwire.gateway.xdp;

/** AF_XDP cannot be used here (kernel, permissions, interface); the relay then stays on its sockets. */
public final class XdpUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    XdpUnavailableException(String message) {
        super(message);
    }
}
