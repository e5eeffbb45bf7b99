package org.virtualwire.gateway.xdp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.gateway.table.Ipv4;

import com.sun.jna.LastErrorException;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoOps;

/**
 * The AF_XDP fast path in front of one relay socket: the XDP filter on the interface that holds the socket's
 * address, and an AF_XDP socket on each of its RX queues, all read by the relay's event loop. Datagrams to the
 * socket's address and port then bypass the kernel's IP and UDP receive path; anything the filter does not
 * take (other traffic, IP options, fragments, frames too long for a frame, a queue beyond the sockets) still
 * reaches the relay's ordinary socket, so the fast path only ever adds speed, never loses a packet class.
 * Closing it detaches the filter (the BPF link goes with its fd, also when the JVM dies).
 */
public final class XdpPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XdpPort.class);
    private static final int MAX_QUEUES = 64;
    private static final int EINVAL = 22;

    private final String interfaceName;
    private final IoEventLoop loop;
    private final List<XskSocket> sockets = new ArrayList<>();
    private final List<IoRegistration> registrations = new ArrayList<>();
    private int mapFd = -1;
    private int programFd = -1;
    private int linkFd = -1;

    /**
     * Sets the fast path up; call in the network namespace of the socket (the thread's), before reading starts.
     *
     * @param local the relay socket's bound address (a wildcard address has no one interface: refused)
     * @param mode how to attach the filter
     * @param loop the relay's epoll event loop
     * @param receivers one receiver per RX queue's socket
     * @throws XdpUnavailableException if any step fails; nothing is left attached then
     */
    public XdpPort(InetSocketAddress local, XdpMode mode, IoEventLoop loop, Supplier<XskReceiver> receivers) {
        this.loop = loop;
        if (local.getAddress().isAnyLocalAddress()) {
            throw new XdpUnavailableException("socket bound to the wildcard address: no one interface to filter");
        }
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByInetAddress(local.getAddress());
        } catch (IOException e) {
            throw new XdpUnavailableException("cannot list interfaces: " + e);
        }
        if (nic == null) {
            throw new XdpUnavailableException("no interface holds " + local.getAddress().getHostAddress());
        }
        interfaceName = nic.getName();
        try {
            openSockets(nic.getIndex());
            mapFd = Bpf.xskMap(MAX_QUEUES);
            for (XskSocket s : sockets) {
                Bpf.put(mapFd, s.queue(), s.socketFd());
            }
            programFd = Bpf.loadXdp(XdpFilter.program(mapFd, Ipv4.of(local), local.getPort(),
                    XskSocket.FRAME - XskSocket.KERNEL_HEADROOM), "vw_gateway");
            for (XskSocket s : sockets) {
                s.receiver(receivers.get());
                IoRegistration r = loop.register(s).syncUninterruptibly().getNow();
                registrations.add(r);
                r.submit(EpollIoOps.EPOLLIN);
            }
            linkFd = Bpf.attachXdp(programFd, nic.getIndex(), mode);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("gateway socket {} takes its datagrams through AF_XDP on {} ({} RX queue(s), XDP {})", local,
                interfaceName, sockets.size(), mode == XdpMode.AUTO ? "as the driver offers"
                        : mode.label());
    }

    private void openSockets(int ifindex) {
        for (int q = 0; q < MAX_QUEUES; q++) {
            try {
                sockets.add(new XskSocket(ifindex, q));
            } catch (XdpUnavailableException e) {
                if (q > 0 && e.errno() == EINVAL) {
                    return; // no such queue: all queues have a socket
                }
                throw e;
            }
        }
    }

    /** @return the interface the filter sits on */
    public String interfaceName() {
        return interfaceName;
    }

    /** @return RX queues read through AF_XDP */
    public int queues() {
        return sockets.size();
    }

    /** @return datagrams received through AF_XDP so far */
    public long received() {
        return sockets.stream().mapToLong(XskSocket::received).sum();
    }

    /** @return frames the kernel dropped before the relay saw them (rings full, no free frame) */
    public long kernelDrops() {
        long sum = 0;
        for (XskSocket s : sockets) {
            sum += s.kernelDrops();
        }
        return sum;
    }

    /** Detaches the filter first (datagrams then take the ordinary socket), then closes the AF_XDP sockets. */
    @Override
    public void close() {
        if (linkFd >= 0) {
            try {
                Bpf.detach(linkFd);
            } catch (XdpUnavailableException e) {
                LOG.warn("{}: {}; it goes when its link is released", interfaceName, e.getMessage());
            }
        }
        closeFd(linkFd);
        linkFd = -1;
        if (!loop.isShutdown()) {
            loop.submit(() -> {
                registrations.forEach(IoRegistration::cancel);
                sockets.forEach(XskSocket::close);
            }).syncUninterruptibly();
        } else {
            sockets.forEach(XskSocket::close);
        }
        registrations.clear();
        sockets.clear();
        closeFd(programFd);
        closeFd(mapFd);
        programFd = -1;
        mapFd = -1;
    }

    private static void closeFd(int fd) {
        if (fd >= 0) {
            try {
                Libc.close(fd);
            } catch (LastErrorException e) {
                LOG.debug("close({}): {}", fd, Libc.describe(e));
            }
        }
    }
}
