package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns UDP datagrams into {@link VxlanPacket}s. The inner frame is a retained slice of the datagram, so no
 * bytes are copied; the datagram itself is released by {@link MessageToMessageDecoder} after {@link #decode}.
 * Malformed datagrams are dropped and counted in {@link #drops()}.
 *
 * <p>Not {@code @Sharable}: it carries a drop counter, and only stateless handlers are shared here.
 * Decoders are cheap; add one per channel (several may still count into one {@link VxlanDropCounter}).
 */
public final class VxlanDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final VxlanDropCounter drops;

    /** A decoder with its own drop counter. */
    public VxlanDecoder() {
        this(new VxlanDropCounter());
    }

    /** A decoder that counts its drops in {@code drops}, which may be shared with other decoders. */
    public VxlanDecoder(VxlanDropCounter drops) {
        super(DatagramPacket.class);
        this.drops = drops;
    }

    /** Where this decoder counts the datagrams it dropped. */
    public VxlanDropCounter drops() {
        return drops;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        ByteBuf buf = datagram.content();
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < VxlanHeader.LENGTH + VxlanHeader.MIN_INNER_FRAME) {
            drops.countTooShort();
            return;
        }
        if (!VxlanHeader.hasVni(buf, start)) {
            drops.countNoVni();
            return;
        }
        int vni = VxlanHeader.vni(buf, start);
        ByteBuf frame = buf.retainedSlice(start + VxlanHeader.LENGTH, length - VxlanHeader.LENGTH);
        out.add(new VxlanPacket(vni, frame, datagram.recipient(), datagram.sender()));
    }
}
