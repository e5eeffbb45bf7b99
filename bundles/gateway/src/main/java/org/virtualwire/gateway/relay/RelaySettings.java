package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;

import org.virtualwire.gateway.xdp.XdpMode;

/**
 * Where and how a relay listens.
 *
 * @param name names its thread
 * @param hostSide the private address and VXLAN port hosts send to
 * @param peerSide the public address and tunnel port peer gateways send to
 * @param preferEpoll false forces NIO
 * @param maxDatagram datagrams this long or longer are dropped as malformed (they may have been truncated)
 * @param batch datagrams per receive system call
 * @param gso whether to gather datagrams to one destination into UDP GSO sends (epoll only)
 * @param gro whether to receive with UDP GRO (epoll only; pays off where the NIC or veth does GRO)
 * @param xdp whether to receive through AF_XDP in front of the sockets where the kernel allows (epoll only)
 * @param xdpMode how its XDP filter is attached
 */
public record RelaySettings(String name, InetSocketAddress hostSide, InetSocketAddress peerSide, boolean preferEpoll,
        int maxDatagram, int batch, boolean gso, boolean gro, boolean xdp, XdpMode xdpMode) {

    /** Checks the sizes. */
    public RelaySettings {
        if (maxDatagram < 128 || maxDatagram > 65536) {
            throw new IllegalArgumentException("max.datagram " + maxDatagram + " is outside 128..65536");
        }
        if (batch < 1 || batch > 1024) {
            throw new IllegalArgumentException("batch " + batch + " is outside 1..1024");
        }
    }
}
