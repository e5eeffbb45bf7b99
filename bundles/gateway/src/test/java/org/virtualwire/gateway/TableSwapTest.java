package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtualwire.gateway.LoopbackPair.B1;
import static org.virtualwire.gateway.LoopbackPair.B2;
import static org.virtualwire.gateway.LoopbackPair.await;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.spi.gateway.GatewayPlan;

/**
 * A migration as the gateway sees it: B's end of a wire moves from b1 to b2 while a1 keeps sending. B's table
 * goes b1, both, b2, both, b1, ... over and over, swapped by another thread as fast as it can. Every frame must
 * reach b1 or b2: a table swap never leaves a moment without a destination, never drops a frame in flight.
 */
class TableSwapTest {

    private static final int VNI = 4242;
    private static final int FRAMES = 3000;
    private static final int IN_FLIGHT = 64;

    @Test
    void swappingTablesUnderTrafficLosesNoFrame() throws Exception {
        try (LoopbackPair pair = new LoopbackPair("AES-GCM", false, "epoll")) {
            pair.wire(VNI, true, B1);
            GatewayPlan[] plans = {
                Plans.crossing(2, pair.peerA(true), VNI, B1),
                Plans.crossing(3, pair.peerA(true), VNI, B1, B2),
                Plans.crossing(4, pair.peerA(true), VNI, B2),
                Plans.crossing(5, pair.peerA(true), VNI, B1, B2)};
            Set<Long> atB1 = collect(pair.b1);
            Set<Long> atB2 = collect(pair.b2);
            AtomicInteger arrived = new AtomicInteger();
            Set<Long> union = ConcurrentHashMap.newKeySet();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger swaps = new AtomicInteger();
            Thread swapper = new Thread(() -> {
                while (sending.get()) {
                    pair.b.apply(plans[swaps.getAndIncrement() % plans.length]);
                    Thread.onSpinWait();
                }
            });
            swapper.start();
            try {
                for (long seq = 0; seq < FRAMES; seq++) {
                    pair.a1.send(TestHost.vxlan(VNI, seq, 200), pair.aPrivate());
                    long sent = seq + 1;
                    // bounded in flight, so that no socket buffer overflows: loss could only be the gateway's
                    await(() -> {
                        union.clear();
                        union.addAll(atB1);
                        union.addAll(atB2);
                        arrived.set(union.size());
                        return sent - union.size() <= IN_FLIGHT;
                    });
                }
                await(() -> {
                    union.addAll(atB1);
                    union.addAll(atB2);
                    return union.size() == FRAMES;
                });
            } finally {
                sending.set(false);
                swapper.join();
            }
            Set<Long> missing = new TreeSet<>();
            for (long s = 0; s < FRAMES; s++) {
                if (!union.contains(s)) {
                    missing.add(s);
                }
            }
            assertTrue(missing.isEmpty(), missing.size() + " frames lost, e.g. " + missing.stream().limit(10).toList());
            assertTrue(swaps.get() > 100, "the tables were swapped under traffic (" + swaps.get() + " swaps)");
            assertTrue(atB1.size() < FRAMES && atB2.size() < FRAMES && atB1.size() + atB2.size() > FRAMES,
                    "some frames went to b1 only, some to b2 only, some to both: b1 " + atB1.size() + ", b2 "
                            + atB2.size());
            assertEquals(0, pair.b.counters().droppedTotal(), pair.b.counters().drops().toString());
            assertEquals(0, pair.a.counters().droppedTotal(), pair.a.counters().drops().toString());
            assertEquals(GatewayDrop.values().length, pair.b.counters().drops().size());
        }
    }

    /** Records the sequence numbers host receives, on a daemon thread. */
    private static Set<Long> collect(TestHost host) {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    seen.add(TestHost.seq(host.received().take()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return seen;
    }
}
