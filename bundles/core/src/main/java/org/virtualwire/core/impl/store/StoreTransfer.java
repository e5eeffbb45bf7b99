package org.virtualwire.core.impl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.cluster.StoreTransferService;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/**
 * Moves the desired state between the active stores, each known by its {@value #KIND} service property, as the
 * document the file store keeps ({@link TopologyJson}). An import is one commit on the target, so its agents and
 * listeners see one new revision; the store in use then drives the agents from it as from any change.
 */
@Component(service = StoreTransferService.class)
public class StoreTransfer implements StoreTransferService {
    /** The service property that names a store's kind. */
    public static final String KIND = "vw.store";
    private static final Logger LOG = LoggerFactory.getLogger(StoreTransfer.class);

    private record Ranked(String kind, int ranking, WireStore store) {
    }

    private final Map<String, Ranked> stores = new ConcurrentSkipListMap<>();

    /** @param store a store that came, with its service properties */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addStore(WireStore store, Map<String, Object> props) {
        String kind = String.valueOf(props.getOrDefault(KIND, store.getClass().getSimpleName()));
        Object ranking = props.get(Constants.SERVICE_RANKING);
        stores.put(kind, new Ranked(kind, ranking instanceof Integer i ? i : 0, store));
    }

    /** @param store a store that went */
    public void removeStore(WireStore store, Map<String, Object> props) {
        stores.values().removeIf(r -> r.store() == store);
    }

    @Override
    public List<String> stores() {
        List<Ranked> all = new ArrayList<>(stores.values());
        all.sort((a, b) -> Integer.compare(b.ranking(), a.ranking()));
        return all.stream().map(Ranked::kind).toList();
    }

    private WireStore store(String kind) {
        List<String> active = stores();
        if (active.isEmpty()) {
            throw new VirtualWireException("store", "no store is active");
        }
        String k = kind == null || kind.isBlank() ? active.get(0) : kind;
        Ranked r = stores.get(k);
        if (r == null) {
            throw new VirtualWireException("store", "store '" + k + "' is not active; active: " + String.join(", ", active)
                    + (k.equals("zookeeper") ? " (install feature virtualwire-store-zookeeper and configure "
                            + "etc/org.virtualwire.store.zookeeper.cfg)" : ""));
        }
        return r.store();
    }

    @Override
    public long exportTo(String kind, Path file) {
        Topology t = store(kind).current();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, TopologyJson.write(t));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new VirtualWireException("file", "cannot write " + file + ": " + e);
        }
        return t.revision();
    }

    @Override
    public long importFrom(String kind, Path file, boolean force) {
        Topology doc;
        try {
            doc = TopologyJson.read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new VirtualWireException("file", "no such file: " + file);
        } catch (IOException | RuntimeException e) {
            throw new VirtualWireException("file", "cannot read " + file + " as an exported desired state: " + e.getMessage());
        }
        if (doc.clouds().isEmpty()) {
            throw new VirtualWireException("file", file + " holds no cloud: not a desired state vw:store-export wrote");
        }
        WireStore store = store(kind);
        Topology base = store.current();
        if (!force && !empty(base)) {
            throw new VirtualWireException("store", "the target store is not empty (revision " + base.revision() + ": "
                    + base.hosts().size() + " hosts, " + base.guests().size() + " guests, " + base.endpoints().size()
                    + " endpoints, " + base.wires().size() + " wires); add --force to replace it");
        }
        Topology next = new Topology(base.revision() + 1, doc.clouds(), doc.hosts(), doc.guests(), doc.endpoints(),
                doc.wires(), doc.moves());
        store.commit(base, next);
        LOG.info("Imported {} (revision {} there) as revision {}: {} hosts, {} wires", file, doc.revision(), next.revision(),
                next.hosts().size(), next.wires().size());
        return next.revision();
    }

    /** @return whether a state holds nothing but clouds (a fresh store has the default cloud) */
    static boolean empty(Topology t) {
        return t.hosts().isEmpty() && t.guests().isEmpty() && t.endpoints().isEmpty() && t.wires().isEmpty()
                && t.moves().isEmpty();
    }
}
