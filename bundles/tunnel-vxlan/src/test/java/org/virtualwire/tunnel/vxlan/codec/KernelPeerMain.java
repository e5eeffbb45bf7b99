package org.virtualwire.tunnel.vxlan.codec;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;

/**
 * Child JVM of {@link VxlanKernelInteropTest}, started inside namespace vwc-b so that the test JVM adds nothing
 * to the default namespace. Arguments: VNI, kernel device MAC, our MAC, our overlay IPv4 address.
 * Prints READY once bound, serves until stdin closes, then prints a RESULT line; exit code 0 means passed.
 */
public final class KernelPeerMain {

    private KernelPeerMain() {
    }

    public static void main(String[] args) throws Exception {
        KernelPeerResponder responder = new KernelPeerResponder(Integer.parseInt(args[0]),
                PeerFrames.mac(args[1]), PeerFrames.mac(args[2]), InetAddress.getByName(args[3]).getAddress());
        VxlanDropCounter drops = new VxlanDropCounter();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new VxlanChannelInitializer(drops, () -> responder))
                    .bind(VxlanHeader.PORT).sync().channel();
            System.out.println("READY " + channel.localAddress());
            // The parent closes our stdin when it is done; if the parent dies, stdin closes too.
            while (System.in.read() != -1) {
                // discard
            }
            channel.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
        System.out.println(responder.summary() + " drops=" + drops);
        System.exit(responder.passed() ? 0 : 1);
    }
}
