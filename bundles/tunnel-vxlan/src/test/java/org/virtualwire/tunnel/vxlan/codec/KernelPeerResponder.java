package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the remote end of the kernel's VXLAN device: checks the ARP request the kernel sends for our address,
 * answers it, and answers ICMP echo requests. Every reply goes through {@link VxlanEncoder}. Prints one line
 * per interesting packet; the parent test reads them.
 */
final class KernelPeerResponder extends SimpleChannelInboundHandler<VxlanPacket> {

    private final int vni;
    private final byte[] kernelMac;
    private final byte[] myMac;
    private final byte[] myIp;
    private final AtomicInteger echoReplies = new AtomicInteger();
    private final AtomicInteger wrongVni = new AtomicInteger();
    private final AtomicInteger ignored = new AtomicInteger();
    private volatile String arpProblem = "no ARP request for our address arrived";

    KernelPeerResponder(int vni, byte[] kernelMac, byte[] myMac, byte[] myIp) {
        this.vni = vni;
        this.kernelMac = kernelMac;
        this.myMac = myMac;
        this.myIp = myIp;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, VxlanPacket packet) {
        if (packet.vni() != vni) {
            wrongVni.incrementAndGet();
            System.out.println("WRONG-VNI " + packet.vni());
            return;
        }
        ByteBuf f = packet.frame();
        // Kernel VXLAN listens on the well-known port, not on the random source port it sent from.
        InetSocketAddress back = new InetSocketAddress(packet.sender().getAddress(), VxlanHeader.PORT);
        if (PeerFrames.isArpRequestFor(f, myIp)) {
            checkArpRequest(f);
            ctx.writeAndFlush(new VxlanPacket(vni, PeerFrames.arpReply(ctx.alloc(), f, myMac), back));
        } else if (PeerFrames.isEchoRequestTo(f, myIp)) {
            ctx.writeAndFlush(new VxlanPacket(vni, PeerFrames.echoReply(ctx.alloc(), f, myMac), back));
            System.out.println("ECHO-REPLY-SENT " + echoReplies.incrementAndGet());
        } else {
            ignored.incrementAndGet(); // IPv6 MLD/ND chatter of the new device
        }
    }

    private void checkArpRequest(ByteBuf f) {
        byte[] src = PeerFrames.bytes(f, 6, 6);
        byte[] sha = PeerFrames.bytes(f, 22, 6);
        String line = String.format("ARP-REQUEST vni=%d ethertype=0x%04x src=%s sha=%s", vni,
                PeerFrames.ethertype(f), PeerFrames.mac(src), PeerFrames.mac(sha));
        System.out.println(line);
        boolean ok = Arrays.equals(src, kernelMac) && Arrays.equals(sha, kernelMac);
        arpProblem = ok ? null : "sender MAC is not the kernel device's " + PeerFrames.mac(kernelMac) + ": " + line;
    }

    boolean passed() {
        return arpProblem == null && wrongVni.get() == 0 && echoReplies.get() > 0;
    }

    String summary() {
        return "RESULT arp=" + (arpProblem == null ? "ok" : arpProblem) + " echoReplies=" + echoReplies.get()
                + " wrongVni=" + wrongVni.get() + " ignored=" + ignored.get();
    }
}
