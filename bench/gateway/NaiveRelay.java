import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The baseline of the gateway benchmark: the obvious java.nio relay, one receive and one send per datagram,
 * a blocking channel, one reused heap buffer.
 *
 *   java NaiveRelay.java LISTEN_IP LISTEN_PORT TO_IP TO_PORT
 */
public class NaiveRelay {
    public static void main(String[] args) throws Exception {
        Thread relay = new Thread(() -> {
            try {
                relay(args);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "naive-relay"); // a named thread, so that the harness can find it
        relay.start();
        relay.join();
    }

    static void relay(String[] args) throws Exception {
        InetSocketAddress to = new InetSocketAddress(args[2], Integer.parseInt(args[3]));
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
            ByteBuffer buf = ByteBuffer.allocate(65536);
            System.out.println("READY");
            while (true) {
                buf.clear();
                ch.receive(buf);
                buf.flip();
                ch.send(buf, to);
            }
        }
    }
}
