package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.HostId;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.testing.InMemoryWires;

/**
 * One document cannot hold up the others: reading and parsing run outside the topology lock, so an apply whose
 * parse is stuck lets another finish; and an apply whose thread is interrupted (Ctrl-C in the console) stops,
 * whether parsing, waiting for the lock or planning, with a "cancelled" refusal and no change. Order is shown
 * with latches; the deadlines are only there so that a broken build fails instead of hanging.
 */
class TopologyApplyConcurrencyTest {
    private static final long DEADLINE_S = 60;
    private static final String DOC_B = "hosts:\n  - name: hb\n";

    private final InMemoryWires fake = new InMemoryWires();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anotherApplyCompletesWhileOnesParseIsStuck() throws Exception {
        TopologyManager topology = new TopologyManager(fake, fake);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A's text arrives only when the test says so: its parse is stuck in its first read
        Reader slow = new Reader() {
            private final Reader text = new StringReader("hosts:\n  - name: ha\n");

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return text.read(buffer, offset, length);
            }

            @Override
            public void close() {
            }
        };
        Future<Result> a = pool.submit(() -> topology.apply(slow, "a.yaml"));
        assertTrue(reading.await(DEADLINE_S, TimeUnit.SECONDS), "A started reading");

        // before: B waited for A's lock, here until the deadline
        Result b = pool.submit(() -> topology.apply(DOC_B, "b.yaml")).get(DEADLINE_S, TimeUnit.SECONDS);
        assertEquals(List.of("host hb"), b.created());
        assertFalse(a.isDone(), "A is still parsing");

        release.countDown();
        Result ra = a.get(DEADLINE_S, TimeUnit.SECONDS);
        assertEquals(List.of("host ha"), ra.created());
        assertEquals(List.of("host hb"), ra.removed(), "A planned against the state B left");
        assertEquals(List.of(HostId.of("ha")), fake.hosts().stream().map(h -> h.id()).toList());
    }

    @Test
    void anEndlessDocumentStopsWhenItsThreadIsInterrupted() throws Exception {
        // no size limit to speak of: only the interruption can end this read
        TopologyManager topology = new TopologyManager(fake, fake, new TopologyLimits(Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
        topology.apply(DOC_B, "b.yaml");
        int changes = fake.changes;
        CountDownLatch reading = new CountDownLatch(1);
        Reader endless = new Reader() {
            private final char[] head = "hosts:\n".toCharArray();
            private boolean started;

            @Override
            public int read(char[] buffer, int offset, int length) {
                reading.countDown();
                char[] chunk = started ? "  - {name: h}\n".toCharArray() : head;
                started = true;
                int n = Math.min(length, chunk.length);
                System.arraycopy(chunk, 0, buffer, offset, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<Result> a = pool.submit(() -> {
            thread.set(Thread.currentThread());
            return topology.apply(endless, "endless.yaml");
        });
        assertTrue(reading.await(DEADLINE_S, TimeUnit.SECONDS), "reading");
        thread.get().interrupt();

        VirtualWireException e = failure(a);
        assertEquals("endless.yaml: apply cancelled (interrupted) while parsing: nothing changed", e.getMessage());
        assertEquals(changes, fake.changes);
        assertEquals(List.of(HostId.of("hb")), fake.hosts().stream().map(h -> h.id()).toList());
    }

    @Test
    void anApplyWaitingForAnotherCanBeCancelledAndTheOtherCompletes() throws Exception {
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the first batch waits for the test: its apply holds the topology lock meanwhile
        WireAdminService stuck = (WireAdminService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WireAdminService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("batch") && inBatch.getCount() > 0) {
                        inBatch.countDown();
                        release.await();
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TopologyManager topology = new TopologyManager(fake, stuck);
        Future<Result> a = pool.submit(() -> topology.apply("hosts:\n  - name: ha\n", "a.yaml"));
        assertTrue(inBatch.await(DEADLINE_S, TimeUnit.SECONDS), "A holds the lock");

        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch parsed = new CountDownLatch(1);
        Reader text = new StringReader(DOC_B) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    parsed.countDown();
                }
                return n;
            }
        };
        Future<Result> b = pool.submit(() -> {
            thread.set(Thread.currentThread());
            return topology.apply(text, "b.yaml");
        });
        // B reads its whole document while A holds the lock, then waits for it
        assertTrue(parsed.await(DEADLINE_S, TimeUnit.SECONDS), "B parsed while A held the lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (!topology.lock.hasQueuedThread(thread.get())) {
            assertTrue(System.nanoTime() < deadline, "B waits for the lock");
            Thread.sleep(1);
        }
        thread.get().interrupt();
        assertEquals("b.yaml: apply cancelled (interrupted) while waiting for another apply to end: nothing changed",
                failure(b).getMessage());

        release.countDown();
        assertEquals(List.of("host ha"), a.get(DEADLINE_S, TimeUnit.SECONDS).created());
        assertEquals(List.of(HostId.of("ha")), fake.hosts().stream().map(h -> h.id()).toList());
    }

    @Test
    void aPlanStopsWhenItsThreadIsInterrupted() {
        TopologyManager topology = new TopologyManager(fake, fake);
        topology.apply(TopologyManagerTest.DOC, "t.yaml");
        int changes = fake.changes;
        TopologyDocument doc = new TopologyParser("t.yaml", TopologyLimits.DEFAULT)
                .parse(new StringReader("hosts: []\n"));
        Thread.currentThread().interrupt();
        try {
            VirtualWireException e = assertThrows(VirtualWireException.class,
                    () -> new TopologyPlanner("t.yaml").plan(doc, fake));
            assertEquals("t.yaml: apply cancelled (interrupted) while planning: nothing changed", e.getMessage());
            e = assertThrows(VirtualWireException.class, () -> topology.apply("hosts: []\n", "t.yaml"));
            assertTrue(e.getMessage().contains("apply cancelled (interrupted)"), e.getMessage());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt status is kept for the caller");
        }
        assertEquals(changes, fake.changes);
        assertEquals(2, fake.hosts().size());
    }

    private static VirtualWireException failure(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(DEADLINE_S, TimeUnit.SECONDS));
        return assertInstanceOf(VirtualWireException.class, e.getCause());
    }
}
