package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.table.ForwardingTable;

import io.netty.channel.Channel;

/**
 * The gateway's data plane: a private socket for this cloud's hosts and a public one for peer gateways, both
 * on one event-loop thread, forwarding by the current {@link ForwardingTable}, with an AF_XDP fast path in
 * front of each socket where the kernel allows ({@link XdpPaths}; read by the same thread, same handlers).
 * {@link #install} swaps the table atomically: each packet is forwarded by exactly one table version.
 */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final RelaySettings settings;
    private final GatewayCounters counters;
    private final AtomicReference<ForwardingTable> table = new AtomicReference<>(ForwardingTable.EMPTY);
    private Transport transport;
    private Channel hostSide;
    private Channel peerSide;
    private XdpPaths fastPaths;
    private volatile List<String> xdpRefusals = List.of();

    /**
     * @param settings where to listen
     * @param counters where to count
     */
    public Relay(RelaySettings settings, GatewayCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    /**
     * Opens and binds both sockets. They are opened in the calling thread, so in its network namespace.
     *
     * @return this relay
     */
    public synchronized Relay start() {
        if (transport != null) {
            throw new IllegalStateException("relay already started");
        }
        Transport t = new Transport(settings.name(), settings.preferEpoll(), settings.maxDatagram(), settings.batch(),
                settings.gso(), settings.gro());
        try {
            Forwarder forwarder = new Forwarder(counters);
            HostSideHandler hostHandler = new HostSideHandler(table::get, forwarder, counters, settings.maxDatagram());
            PeerSideHandler peerHandler = new PeerSideHandler(table::get, forwarder, counters, settings.maxDatagram());
            hostSide = t.bind(settings.hostSide(), hostHandler);
            peerSide = t.bind(settings.peerSide(), peerHandler);
            forwarder.batchers(new SendBatcher(hostSide, t.gso()), new SendBatcher(peerSide, t.gso()));
            t.warmUp(SendBatcher.MAX_BYTES);
            if (settings.xdp() && t.gso()) {
                fastPaths = XdpPaths.open(settings, t.loop(), hostHandler, peerHandler);
                xdpRefusals = fastPaths.refusals();
            } else if (settings.xdp()) { // its sends copy out of the frames at once only into GSO batches
                LOG.info("{}: no AF_XDP fast path without epoll and UDP GSO sends; the sockets receive everything",
                        settings.name());
                xdpRefusals = List.of("it needs epoll sockets that send UDP GSO batches");
            }
            hostSide.config().setAutoRead(true);
            peerSide.config().setAutoRead(true);
        } catch (RuntimeException e) {
            if (fastPaths != null) {
                fastPaths.close();
                fastPaths = null;
            }
            t.close();
            throw e;
        }
        transport = t;
        return this;
    }

    /** @param next the table every packet from now on is forwarded by */
    public void install(ForwardingTable next) {
        table.set(next);
    }

    /** @return the table in use */
    public ForwardingTable table() {
        return table.get();
    }

    /** @return the bound private address (its port, if 0 was asked for) */
    public InetSocketAddress hostSideAddress() {
        return (InetSocketAddress) hostSide.localAddress();
    }

    /** @return the bound public address */
    public InetSocketAddress peerSideAddress() {
        return (InetSocketAddress) peerSide.localAddress();
    }

    /** @return whether sends are gathered into UDP GSO batches */
    public boolean gso() {
        return transport != null && transport.gso();
    }

    /** @return whether the sockets use epoll */
    public boolean epoll() {
        return transport != null && transport.epoll();
    }

    /** @return the interfaces whose datagrams come through AF_XDP (none when the sockets read them all) */
    public List<String> xdpInterfaces() {
        XdpPaths f = fastPaths;
        return f == null ? List.of() : f.interfaces();
    }

    /** @return why AF_XDP, asked for, is missing on a side (empty: on both, or not asked for) */
    public List<String> xdpRefusals() {
        return xdpRefusals;
    }

    /** @return datagrams received through AF_XDP (the rest came through the sockets) */
    public long xdpReceived() {
        XdpPaths f = fastPaths;
        return f == null ? 0 : f.received();
    }

    /** @return frames the kernel dropped in front of the AF_XDP sockets (full rings) */
    public long xdpKernelDrops() {
        XdpPaths f = fastPaths;
        return f == null ? 0 : f.kernelDrops();
    }

    /** Detaches the fast path, closes both sockets and stops the thread. */
    @Override
    public synchronized void close() {
        if (fastPaths != null) {
            fastPaths.close();
            fastPaths = null;
        }
        if (transport != null) {
            // closed here, not left to the event loop's shutdown: seen to leave a socket bound (rarely, with
            // AF_XDP sockets registered on the same loop before), and the next gateway then cannot bind
            hostSide.close().syncUninterruptibly();
            peerSide.close().syncUninterruptibly();
            transport.close();
            transport = null;
        }
    }
}
