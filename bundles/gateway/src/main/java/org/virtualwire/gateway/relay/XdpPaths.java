package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.gateway.xdp.XdpPort;
import org.virtualwire.gateway.xdp.XdpUnavailableException;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.IoEventLoop;

/**
 * The AF_XDP fast paths in front of a relay's two sockets. Each side that cannot have one (no AF_XDP in the
 * kernel, no CAP_BPF, a wildcard address, another XDP program already on the interface, a driver that refuses)
 * stays on its socket, with a warning that says why: the fast path is an optimisation, never a condition for
 * forwarding. Loopback addresses (tests, a gateway pair on one machine) keep their sockets without a word.
 */
final class XdpPaths implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XdpPaths.class);

    private final List<XdpPort> ports = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    private XdpPaths() {
    }

    /** Call in the sockets' network namespace, on the thread that bound them. */
    static XdpPaths open(RelaySettings settings, IoEventLoop loop, RelayHandler hostSide, RelayHandler peerSide) {
        XdpPaths paths = new XdpPaths();
        paths.add(settings, settings.hostSide(), loop, hostSide);
        paths.add(settings, settings.peerSide(), loop, peerSide);
        return paths;
    }

    private void add(RelaySettings settings, InetSocketAddress local, IoEventLoop loop, RelayHandler handler) {
        if (local.getAddress().isLoopbackAddress()) {
            LOG.debug("{}: {} is a loopback address, its socket receives everything", settings.name(), local);
            return;
        }
        try {
            ports.add(new XdpPort(local, settings.xdpMode(), loop,
                    () -> handler.xdpInput(PooledByteBufAllocator.DEFAULT)));
        } catch (XdpUnavailableException | LinkageError e) {
            LOG.warn("{}: no AF_XDP fast path for {}, its socket receives everything: {}", settings.name(), local,
                    e.getMessage());
            refusals.add(where(local) + ": " + e.getMessage());
        } catch (RuntimeException e) { // never a reason for the gateway not to run
            LOG.warn("{}: no AF_XDP fast path for {}, its socket receives everything", settings.name(), local, e);
            refusals.add(where(local) + ": " + e);
        }
    }

    List<String> interfaces() {
        return ports.stream().map(XdpPort::interfaceName).toList();
    }

    private static String where(InetSocketAddress local) {
        return local.getAddress().getHostAddress() + ":" + local.getPort();
    }

    /** @return why each side that asked for AF_XDP has none ("address:port: reason") */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    long received() {
        return ports.stream().mapToLong(XdpPort::received).sum();
    }

    long kernelDrops() {
        return ports.stream().mapToLong(XdpPort::kernelDrops).sum();
    }

    @Override
    public void close() {
        ports.forEach(XdpPort::close);
        ports.clear();
    }
}
