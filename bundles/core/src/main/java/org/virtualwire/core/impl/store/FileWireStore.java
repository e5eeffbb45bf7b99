package org.virtualwire.core.impl.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/**
 * The embedded default store: the desired state as one JSON file under Karaf's data folder. Each commit
 * writes a new file, forces it to disk and renames it over the old one, so a crash (even {@code kill -9})
 * at any moment leaves either the old or the new state. Agents' reports live in memory only: they are
 * observations, rebuilt after every start.
 */
@Component(service = WireStore.class, property = StoreTransfer.KIND + "=file")
public class FileWireStore implements WireStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileWireStore.class);
    static final String FILE_NAME = "state.json";

    private final Map<HostId, HostReport> reports = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private Path dir;
    private volatile Topology current = Topology.EMPTY;

    /** For OSGi: the folder is {@code ${karaf.data}/virtualwire}. */
    public FileWireStore() {
    }

    /**
     * @param dir folder that holds the state file
     */
    public FileWireStore(Path dir) {
        open(dir);
    }

    @Activate
    void activate() {
        open(Path.of(System.getProperty("karaf.data", "data"), "virtualwire"));
    }

    private void open(Path folder) {
        this.dir = folder;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            if (Files.exists(file)) {
                current = TopologyJson.read(Files.readAllBytes(file));
                LOG.info("Loaded desired state revision {} from {}", current.revision(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the VirtualWire store in " + dir, e);
        }
    }

    @Override
    public Topology current() {
        return current;
    }

    @Override
    public void commit(Topology expected, Topology next) {
        Topology before;
        synchronized (this) {
            before = current;
            if (before != expected) {
                throw new IllegalStateException("the desired state changed meanwhile (revision " + before.revision()
                        + ", expected " + expected.revision() + ")");
            }
            try {
                persist(TopologyJson.write(next));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the VirtualWire store in " + dir + ": " + e.getMessage(), e);
            }
            current = next;
        }
        listeners.forEach(l -> l.changed(before, next));
    }

    private void persist(byte[] bytes) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // makes the rename itself durable
        }
    }

    @Override
    public void report(HostId host, HostReport report) {
        if (report == null) {
            reports.remove(host);
        } else {
            reports.put(host, report);
        }
    }

    @Override
    public Map<HostId, HostReport> reports() {
        return Map.copyOf(reports);
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }
}
