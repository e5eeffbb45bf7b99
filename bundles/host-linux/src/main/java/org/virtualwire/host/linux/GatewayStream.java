package org.virtualwire.host.linux;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.host.linux.qemu.StreamRoute;
import org.virtualwire.spi.NetworkScope;

/**
 * Carries one migration stream between two clouds through their gateways: the source host connects to its
 * gateway's private address; that gateway relays over TLS (mutually authenticated) to the other gateway's
 * public address; that one relays to where the destination listens. Each relay accepts one connection.
 * <p>
 * Every socket of the relays has small kernel buffers ({@link #SOCKET_BUFFER}): the relays (TLS) are slower
 * than QEMU, and whatever the hops hold when the source stops the guest must still cross before the destination
 * can resume it. With the kernel's autotuned buffers (megabytes per hop) that backlog paused guests for 150 to
 * 340 ms, against 10 to 20 ms within one cloud; small buffers also let QEMU see the real rate of the path, so
 * that it stops the guest only when the rest fits its downtime limit.
 */
public final class GatewayStream implements StreamRoute {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStream.class);
    /** Bytes a pump reads at once. */
    private static final int BUFFER = 64 * 1024;
    /** SO_RCVBUF and SO_SNDBUF of every relay socket (the kernel doubles it for its bookkeeping). */
    static final int SOCKET_BUFFER = 128 * 1024;

    private final NetworkScope sourceGateway;
    private final String sourceGatewayAddress;
    private final NetworkScope targetGateway;
    private final String targetGatewayPublic;
    private final SSLContext tls;

    public GatewayStream(NetworkScope sourceGateway, String sourceGatewayAddress, NetworkScope targetGateway,
            String targetGatewayPublic, SSLContext tls) {
        this.sourceGateway = sourceGateway;
        this.sourceGatewayAddress = sourceGatewayAddress;
        this.targetGateway = targetGateway;
        this.targetGatewayPublic = targetGatewayPublic;
        this.tls = tls;
    }

    @Override
    public Opened open(String targetUri) throws IOException {
        String[] parts = targetUri.split(":");
        if (parts.length != 3 || !parts[0].equals("tcp")) {
            throw new IOException("cannot relay migration stream to " + targetUri + ": not tcp:IP:PORT");
        }
        InetSocketAddress target = new InetSocketAddress(parts[1], Integer.parseInt(parts[2]));
        List<Closeable> open = new CopyOnWriteArrayList<>();
        Closeable closer = () -> open.forEach(GatewayStream::quietly);
        try {
            SSLServerSocket remote = call(targetGateway, () -> {
                SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
                s.setNeedClientAuth(true);
                return listen(s, targetGatewayPublic);
            });
            open.add(remote);
            ServerSocket local = call(sourceGateway, () -> listen(new ServerSocket(), sourceGatewayAddress));
            open.add(local);
            relay(remote, targetGateway, () -> connect(new Socket(), target), open);
            relay(local, sourceGateway, () -> {
                SSLSocket s = (SSLSocket) connect(tls.getSocketFactory().createSocket(),
                        new InetSocketAddress(targetGatewayPublic, remote.getLocalPort()));
                s.startHandshake();
                return s;
            }, open);
            return new Opened("tcp:" + sourceGatewayAddress + ":" + local.getLocalPort(), closer);
        } catch (IOException | RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /** Binds with small buffers, set before the bind so that they hold for the connection it accepts. */
    private static <S extends ServerSocket> S listen(S server, String address) throws IOException {
        server.setReceiveBufferSize(SOCKET_BUFFER);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 1);
        return server;
    }

    /** Connects with small buffers, set before the connection is made. */
    private static Socket connect(Socket socket, InetSocketAddress to) throws IOException {
        socket.setReceiveBufferSize(SOCKET_BUFFER);
        socket.setSendBufferSize(SOCKET_BUFFER);
        socket.connect(to);
        return socket;
    }

    /** Accepts one connection, opens the next hop inside the gateway's network, pumps both ways. */
    private static void relay(ServerSocket server, NetworkScope scope, java.util.concurrent.Callable<Socket> next,
            List<Closeable> open) {
        Thread t = new Thread(() -> {
            try {
                Socket in = server.accept();
                open.add(in);
                in.setSendBufferSize(SOCKET_BUFFER);
                if (in instanceof SSLSocket tlsIn) {
                    tlsIn.startHandshake(); // nothing goes further for a peer without the gateways' certificate
                }
                Socket out = scope.call(next);
                open.add(out);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                pump(in, out);
                pump(out, in);
            } catch (Exception e) {
                if (!server.isClosed()) {
                    LOG.warn("Migration relay on {} failed: {}", server.getLocalSocketAddress(), e.getMessage());
                }
                open.forEach(GatewayStream::quietly);
            }
        }, "vw-relay-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
                if (to instanceof SSLSocket) {
                    to.close(); // TLS cannot half-close
                } else {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                quietly(to);
            }
        }, "vw-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static <T> T call(NetworkScope scope, java.util.concurrent.Callable<T> work) throws IOException {
        try {
            return scope.call(work);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void quietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
