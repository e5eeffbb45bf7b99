package org.virtualwire.store.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.cluster.ClusterService;
import org.virtualwire.api.cluster.ClusterStatus;
import org.virtualwire.spi.EntityJson;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;
import org.virtualwire.spi.cluster.ControllerRole;

/**
 * The desired state on a ZooKeeper ensemble, through Curator: one znode per entity under
 * {@code <root>/<clouds|hosts|guests|endpoints|wires|moves>/<id>}, a {@code <root>/revision} znode written last by
 * every commit (see {@link CommitWriter}), one {@code <root>/reports/<host>} znode per host's report. A
 * {@link CuratorCache} mirrors the tree (and reads it again in full after every reconnect); listeners are told
 * each time the mirror holds a new committed revision in full.
 *
 * <p>Active only when {@code etc/org.virtualwire.store.zookeeper.cfg} exists; it then ranks above the embedded
 * file store, so that consumers switch to it.
 */
@Component(service = { WireStore.class, ControllerRole.class, ClusterService.class },
        configurationPid = ZooKeeperWireStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { "service.ranking:Integer=100", "vw.store=zookeeper" })
@Designate(ocd = ZooKeeperStoreConfig.class)
public class ZooKeeperWireStore implements WireStore, ControllerRole, ClusterService {
    /** The configuration PID. */
    public static final String PID = "org.virtualwire.store.zookeeper";
    static final String REVISION = "revision";
    static final String REPORTS = "reports";
    static final String MIGRATIONS = "migrations";
    /** Operations per ZooKeeper transaction: ~500 entities stay well under jute.maxbuffer (1 MB). */
    static final int MAX_OPS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperWireStore.class);
    private static final long LOAD_SECONDS = 60;

    private final CopyOnWriteArrayList<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Object fire = new Object();
    private CuratorFramework zk;
    private boolean owned;
    private String root;
    private CommitWriter writer;
    private CuratorCache cache;
    private ExecutorService mirror;
    /** The controllers' election; null when this process is no controller. */
    private Leadership leadership;
    private ClusterView cluster;
    private volatile Topology current;
    private volatile boolean complete;
    /** Whether the mirror has read the whole tree once: before, it may hold a revision without its entities. */
    private volatile boolean initialized;
    /**
     * Counts reconnects. After one, the cache reads the tree again node by node, in no useful order: it may hold the
     * newest revision and all the entities of its generation (the revision's count is met) while entities that
     * generations written during the disconnection created or changed are still missing or stale. Until a read of
     * the mirror equals a direct read of the ensemble ({@link #trusted} catches up), the direct read is the state.
     */
    private final AtomicLong reconnects = new AtomicLong();
    /** The value of {@link #reconnects} at which the mirror was last found equal to the ensemble (mirror thread only). */
    private volatile long trusted;

    /** For OSGi. */
    public ZooKeeperWireStore() {
    }

    /**
     * @param zk a started client (the caller closes it)
     * @param root the znode under which the state lives
     * @param maxOps operations per ZooKeeper transaction
     */
    public ZooKeeperWireStore(CuratorFramework zk, String root, int maxOps) {
        open(zk, root, maxOps);
    }

    @Activate
    void activate(ZooKeeperStoreConfig config) {
        CuratorFramework client = client(config.connect_string(), config.session_timeout_ms(), config.connection_timeout_ms());
        owned = true;
        try {
            if (!client.blockUntilConnected(config.connection_timeout_ms() * 3, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the ZooKeeper store " + config.connect_string() + " cannot be reached");
            }
            open(client, config.root_path(), MAX_OPS);
            if (config.controller()) {
                String id = config.controller_id() == null || config.controller_id().isBlank() ? Leadership.defaultId()
                        : config.controller_id().trim();
                lead(id, config.session_timeout_ms());
            } else {
                observe();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IllegalStateException("interrupted while connecting to " + config.connect_string(), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        LOG.info("Desired state on ZooKeeper {}{} at revision {}", config.connect_string(), root, current.revision());
    }

    /**
     * @param connect the ensemble
     * @param sessionMs session timeout
     * @param connectionMs how long one operation waits for a connection
     * @return a started client whose retries are bounded: an oversized transaction or a lost quorum must end in an
     *         error, never loop (never {@code RetryForever})
     */
    static CuratorFramework client(String connect, int sessionMs, int connectionMs) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(sessionMs)
                .connectionTimeoutMs(connectionMs).retryPolicy(new ExponentialBackoffRetry(200, 2)).build();
        client.start();
        return client;
    }

    /**
     * Joins the controllers' election: from now on only the leader commits.
     *
     * @param id this controller's participant id
     * @param catchUpMillis how long a new leader waits for its mirror to hold the newest revision
     * @throws IllegalStateException if the election cannot be joined
     */
    public void lead(String id, long catchUpMillis) {
        leadership = new Leadership(zk, root, id, () -> current.revision(), catchUpMillis);
        cluster = new ClusterView(zk, root, leadership, () -> current.revision());
        writer.fence = leadership;
        try {
            leadership.start();
            if (!leadership.awaitOutcome(catchUpMillis)) {
                LOG.warn("Controller {}: no controller leads after {} ms; changes are refused until one does", id,
                        catchUpMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the controllers' election under " + root, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot join the controllers' election under " + root + ": " + e, e);
        }
        LOG.info("Controller {} joined the election under {}/{}: {} leads", id, root, Leadership.LATCH,
                leader().orElse("no one yet"));
    }

    /** Stays out of the controllers' election ({@code controller = false}): reads and reports, refuses every change. */
    public void observe() {
        cluster = new ClusterView(zk, root, this, () -> current.revision());
        writer.fence = new Follower(this);
    }

    /** @return the commit writer, for tests that lose a transaction's reply */
    CommitWriter writer() {
        return writer;
    }

    private void open(CuratorFramework client, String rootPath, int maxOps) {
        this.zk = client;
        this.root = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
        this.writer = new CommitWriter(zk, root, maxOps);
        try {
            for (Kind<?> kind : Kind.ALL) {
                createQuietly(root + "/" + kind.folder, new byte[0]);
            }
            createQuietly(root + "/" + REPORTS, new byte[0]);
            createQuietly(root + "/" + MIGRATIONS, new byte[0]);
            createQuietly(root + "/" + REVISION, Revision.EMPTY.bytes());
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare " + root + " on ZooKeeper: " + e, e);
        }
        mirror = Executors.newSingleThreadExecutor(r -> new Thread(r, "vw-store-zookeeper-mirror"));
        cache = CuratorCache.build(zk, root);
        String revisionPath = root + "/" + REVISION;
        cache.listenable().addListener(CuratorCacheListener.builder().forAll((type, before, after) -> {
            ChildData node = after != null ? after : before;
            if (node.getPath().equals(revisionPath) || !complete || trusted != reconnects.get()) {
                schedule();
            }
        }).forInitialized(() -> {
            initialized = true;
            schedule();
        }).build());
        // the cache reads the whole tree again after a reconnect; read the state from it again then too
        zk.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.RECONNECTED) {
                reconnects.incrementAndGet();
                complete = false;
                schedule();
            }
        });
        cache.start();
        try {
            if (!loaded.await(LOAD_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("the state under " + root + " did not load within " + LOAD_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while loading " + root, e);
        }
    }

    private void createQuietly(String path, byte[] data) throws Exception {
        try {
            zk.create().creatingParentContainersIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException e) {
            // there already: another appliance or an earlier start made it
        }
    }

    /** Reads the state from the mirror again, once for any number of changes that arrived meanwhile. */
    private void schedule() {
        if (initialized && queued.compareAndSet(false, true)) {
            mirror.execute(() -> {
                queued.set(false);
                try {
                    long epoch = reconnects.get();
                    Optional<Topology> t = StateReader.read(mirrored());
                    if (trusted != epoch) {
                        t = checked(t, epoch);
                    }
                    complete = t.isPresent();
                    t.ifPresent(this::advance);
                } catch (RuntimeException e) {
                    LOG.warn("Cannot read the state from the ZooKeeper mirror: {}", e.toString());
                }
            });
        }
    }

    /**
     * @param mirror what the mirror holds, read after a reconnect
     * @param epoch the reconnect count before the mirror was read
     * @return the state read directly from the ensemble (empty if it cannot be read now: the next reconnect
     *         schedules a read again); the mirror is trusted again once it equals it
     */
    private Optional<Topology> checked(Optional<Topology> mirror, long epoch) {
        Optional<Topology> direct;
        try {
            direct = readDirectly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            return Optional.empty();
        } catch (Exception e) {
            LOG.warn("Cannot read the state from ZooKeeper after a reconnect: {}", e.toString());
            return Optional.empty();
        }
        if (direct.isPresent() && direct.equals(mirror)) {
            trusted = epoch;
        }
        return direct;
    }

    /** @return the committed state read from the ensemble itself, not the mirror (empty if commits kept changing it) */
    private Optional<Topology> readDirectly() throws Exception {
        String revisionPath = root + "/" + REVISION;
        for (int attempt = 0; attempt < 5; attempt++) {
            Stat before = new Stat();
            Map<String, byte[]> znodes = new HashMap<>();
            znodes.put(REVISION, zk.getData().storingStatIn(before).forPath(revisionPath));
            for (Kind<?> kind : Kind.ALL) {
                for (String child : zk.getChildren().forPath(root + "/" + kind.folder)) {
                    String rel = kind.folder + "/" + child;
                    try {
                        znodes.put(rel, zk.getData().forPath(root + "/" + rel));
                    } catch (KeeperException.NoNodeException e) {
                        // removed meanwhile
                    }
                }
            }
            // every commit changes the revision znode's version before any entity (see CommitWriter): unchanged,
            // the entities read belong to the revision read (a commit under way is left out by its generation)
            Stat after = zk.checkExists().forPath(revisionPath);
            if (after != null && after.getVersion() == before.getVersion()) {
                return StateReader.read(znodes);
            }
        }
        return Optional.empty();
    }

    private Map<String, byte[]> mirrored() {
        Map<String, byte[]> out = new HashMap<>();
        String prefix = root + "/";
        cache.stream().filter(d -> d.getPath().startsWith(prefix))
                .forEach(d -> out.put(d.getPath().substring(prefix.length()), d.getData()));
        return out;
    }

    /** Moves to a newer state and tells the listeners, in order, whoever (a commit or the mirror) gets there first. */
    private void advance(Topology next) {
        synchronized (fire) {
            Topology before = current;
            if (before == null) {
                current = next;
                loaded.countDown();
                return;
            }
            if (next.revision() <= before.revision()) {
                return;
            }
            current = next;
            for (StoreListener l : listeners) {
                try {
                    l.changed(before, next);
                } catch (RuntimeException e) {
                    LOG.warn("A store listener failed on revision {}", next.revision(), e);
                }
            }
        }
    }

    @Deactivate
    void close() {
        if (leadership != null) {
            leadership.close();
        }
        if (cache != null) {
            cache.close();
        }
        if (mirror != null) {
            mirror.shutdownNow();
        }
        if (owned) {
            zk.close();
        }
    }

    @Override
    public Topology current() {
        return current;
    }

    @Override
    public void commit(Topology expected, Topology next) {
        synchronized (this) {
            Topology base = current;
            if (base.revision() != expected.revision()) {
                throw new IllegalStateException("the desired state changed meanwhile (revision " + base.revision()
                        + ", expected " + expected.revision() + ")");
            }
            writer.commit(expected, next, mirrored());
        }
        advance(next);
    }

    @Override
    public void report(HostId host, HostReport report) {
        String path = root + "/" + REPORTS + "/" + host.name();
        try {
            if (report == null) {
                zk.delete().quietly().forPath(path);
            } else {
                zk.create().orSetData().forPath(path, Entity.bytes(EntityJson.report(report)));
            }
        } catch (Exception e) {
            // an observation, not the desired state: the agent reports again after its next pass
            LOG.warn("Cannot store the report of host {}: {}", host.name(), e.toString());
        }
    }

    @Override
    public Map<HostId, HostReport> reports() {
        Map<HostId, HostReport> out = new HashMap<>();
        String folder = root + "/" + REPORTS;
        try {
            for (String child : zk.getChildren().forPath(folder)) {
                try {
                    out.put(HostId.of(child), EntityJson.report(EntityJson.JSON.readTree(zk.getData().forPath(folder + "/" + child))));
                } catch (KeeperException.NoNodeException e) {
                    // removed meanwhile
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the ZooKeeper store cannot be reached (" + e + "): no reports", e);
        }
    }

    @Override
    public void inFlight(GuestId guest, String record) {
        String path = root + "/" + MIGRATIONS + "/" + URLEncoder.encode(guest.name(), StandardCharsets.UTF_8);
        try {
            if (record == null) {
                zk.delete().quietly().forPath(path);
            } else {
                zk.create().orSetData().forPath(path, record.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            // the controller's own history still has it; only a failover meanwhile would miss it
            LOG.warn("Cannot store the record of the migration of {}: {}", guest, e.toString());
        }
    }

    @Override
    public Map<GuestId, String> inFlight() {
        Map<GuestId, String> out = new HashMap<>();
        String folder = root + "/" + MIGRATIONS;
        try {
            for (String child : zk.getChildren().forPath(folder)) {
                try {
                    out.put(GuestId.of(URLDecoder.decode(child, StandardCharsets.UTF_8)),
                            new String(zk.getData().forPath(folder + "/" + child), StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    // ended meanwhile
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("the ZooKeeper store cannot be reached (" + e + "): no migration records", e);
        }
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String id() {
        return leadership == null ? "" : leadership.id();
    }

    @Override
    public boolean leading() {
        return leadership != null && leadership.leading();
    }

    @Override
    public Optional<String> leader() {
        return leadership != null ? leadership.leader() : Leadership.leaderOf(zk, root);
    }

    @Override
    public void addLeadershipListener(Runnable listener) {
        if (leadership != null) {
            leadership.addLeadershipListener(listener);
        } // else: no controller, never leads, never tells
    }

    @Override
    public void removeLeadershipListener(Runnable listener) {
        if (leadership != null) {
            leadership.removeLeadershipListener(listener);
        }
    }

    @Override
    public ClusterStatus status() {
        if (cluster == null) {
            cluster = new ClusterView(zk, root, leadership, () -> current.revision());
        }
        return cluster.status();
    }
}
