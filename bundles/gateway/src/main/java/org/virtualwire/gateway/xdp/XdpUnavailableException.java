package org.virtualwire.gateway.xdp;

/** AF_XDP cannot be used here (kernel, permissions, interface); the relay then stays on its sockets. */
public final class XdpUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    XdpUnavailableException(String message) {
        this(message, 0);
    }

    XdpUnavailableException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** @return the errno of the system call that failed, 0 if none did */
    int errno() {
        return errno;
    }
}
