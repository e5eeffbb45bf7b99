package org.virtualwire.core.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VmImage;
import org.virtualwire.spi.Topology;

class FileWireStoreTest {
    @TempDir
    Path dir;

    private static Topology withCloud(Topology t, String name) {
        return new Topology(t.revision() + 1, Map.of(CloudId.of(name), new Cloud(CloudId.of(name), "local",
                Map.of("subnet", "198.18.0.0/16"))), t.hosts(), t.guests(), t.endpoints(), t.wires());
    }

    @Test
    void aCommittedStateIsReadBackByTheNextStore() {
        FileWireStore store = new FileWireStore(dir);
        store.commit(store.current(), withCloud(store.current(), "lab"));
        Topology again = new FileWireStore(dir).current();
        assertEquals(1, again.revision());
        assertEquals(Map.of("subnet", "198.18.0.0/16"), again.clouds().get(CloudId.of("lab")).properties());
    }

    @Test
    void aVmImageIsWrittenAndReadBackAndAFileWithoutImagesStillLoads() throws Exception {
        HostId h1 = HostId.of("h1");
        Map<GuestId, Guest> guests = Map.of(
                GuestId.of("own"), new Guest(GuestId.of("own"), GuestKind.VM, h1, new VmImage("/srv/bzImage", "/srv/initrd", "/srv/disk.qcow2")),
                GuestId.of("diskless"), new Guest(GuestId.of("diskless"), GuestKind.VM, h1, new VmImage("/srv/bzImage", null, null)),
                GuestId.of("plain"), new Guest(GuestId.of("plain"), GuestKind.VM, h1));
        Topology t = new Topology(3, Map.of(), Map.of(h1, new Host(h1, CloudId.of("local"), "198.18.0.1", null)), guests,
                Map.of(), Map.of());
        Topology back = TopologyJson.read(TopologyJson.write(t));
        assertEquals(guests, back.guests());
        assertEquals(null, back.guests().get(GuestId.of("plain")).image());

        String old = "{\"format\": 1, \"revision\": 2, \"guests\": [{\"name\": \"vm1\", \"kind\": \"vm\", \"host\": \"h1\"}]}";
        Guest vm1 = TopologyJson.read(old.getBytes(java.nio.charset.StandardCharsets.UTF_8)).guests().get(GuestId.of("vm1"));
        assertEquals(new Guest(GuestId.of("vm1"), GuestKind.VM, h1), vm1, "a file written before images loads");
    }

    @Test
    void aCommitFromAStaleStateIsRefused() {
        FileWireStore store = new FileWireStore(dir);
        Topology base = store.current();
        store.commit(base, withCloud(base, "a"));
        assertThrows(IllegalStateException.class, () -> store.commit(base, withCloud(base, "b")));
        assertEquals(CloudId.of("a"), store.current().clouds().keySet().iterator().next());
    }

    @Test
    void aHalfWrittenTemporaryFileIsIgnored() throws Exception {
        FileWireStore store = new FileWireStore(dir);
        store.commit(store.current(), withCloud(store.current(), "a"));
        Files.writeString(dir.resolve(FileWireStore.FILE_NAME + ".tmp"), "{\"revision\": 7, \"clo");
        assertEquals(1, new FileWireStore(dir).current().revision());
    }

    /** A writer killed with SIGKILL at random moments always leaves a whole, readable state. */
    @Test
    void killMinus9AtAnyMomentLeavesAWholeState() throws Exception {
        Random random = new Random(42);
        String java = ProcessHandle.current().info().command().orElse("java");
        long last = 0;
        for (int round = 0; round < 5; round++) {
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    StoreCrashChild.class.getName(), dir.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
                assertEquals("ready", out.readLine());
                Thread.sleep(50 + random.nextInt(250));
            } finally {
                child.destroyForcibly().waitFor(); // SIGKILL, and never a writer left running
            }
            Topology t = new FileWireStore(dir).current();
            assertEquals(t.revision(), t.hosts().size(), "revision and content agree");
            assertTrue(t.revision() >= last, "nothing committed is lost");
            last = t.revision();
        }
        assertTrue(last > 0, "the child committed something");
    }
}
