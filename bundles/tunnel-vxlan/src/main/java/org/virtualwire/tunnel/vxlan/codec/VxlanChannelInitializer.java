package org.virtualwire.tunnel.vxlan.codec;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.util.function.Supplier;

/**
 * Sets up a UDP channel for VXLAN: decoder, encoder, then the caller's handler, which receives
 * {@link VxlanPacket}s and may write them back. All decoders made by one initializer count into one
 * {@link VxlanDropCounter}.
 */
public final class VxlanChannelInitializer extends ChannelInitializer<Channel> {

    private final VxlanDropCounter drops;
    private final Supplier<? extends ChannelHandler> handler;

    /**
     * @param drops   counter for malformed datagrams, shared by all channels this initializer sets up
     * @param handler makes the application handler; called once per channel, so it may return new instances
     */
    public VxlanChannelInitializer(VxlanDropCounter drops, Supplier<? extends ChannelHandler> handler) {
        this.drops = drops;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("vxlan-decoder", new VxlanDecoder(drops));
        ch.pipeline().addLast("vxlan-encoder", VxlanEncoder.INSTANCE);
        ch.pipeline().addLast("vxlan-handler", handler.get());
    }
}
