package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.virtualwire.tunnel.vxlan.codec.VxlanTestFrames.*;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

class VxlanChannelInitializerTest {

    /** Sends each packet back to where it came from, as a relay would. */
    private static final class Echo extends SimpleChannelInboundHandler<VxlanPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, VxlanPacket p) {
            ctx.writeAndFlush(new VxlanPacket(p.vni(), p.frame().retain(), p.sender(), p.recipient()));
        }
    }

    @Test
    void pipelineDecodesHandsToHandlerAndEncodesBack() {
        VxlanDropCounter drops = new VxlanDropCounter();
        VxlanChannelInitializer init = new VxlanChannelInitializer(drops, Echo::new);
        EmbeddedChannel a = new EmbeddedChannel(init);
        EmbeddedChannel b = new EmbeddedChannel(init);

        a.writeInbound(datagram(bytes(header(0x08, 0, 0x800000), frame(9))));
        DatagramPacket reply = a.readOutbound();
        assertEquals(REMOTE, reply.recipient());
        assertArrayEquals(toArray(bytes(header(0x08, 0, 0x800000), frame(9))), toArray(reply.content()));
        reply.release();

        b.writeInbound(datagram(bytes(header(0x00, 0, 1), frame(9))));
        a.writeInbound(datagram(bytes(new byte[3])));
        assertNull(b.readOutbound());
        assertEquals(1, drops.noVni());
        assertEquals(1, drops.tooShort());
    }
}
