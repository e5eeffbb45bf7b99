package org.virtualwire.store.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.spi.cluster.ControllerRole;
import org.virtualwire.spi.cluster.NotLeaderException;

/**
 * The controllers' election: a Curator {@link LeaderLatch} under {@code <root>/controllers}, one ephemeral znode per
 * controller. Fences the store's commits: a commit starts only while this controller leads, and each of its
 * ZooKeeper transactions checks that this controller's latch znode still exists, so that a controller whose
 * session expired (and whose successor may already commit) cannot write even if it has not noticed yet.
 */
final class Leadership implements ControllerRole, CommitWriter.Fence {
    static final String LATCH = "controllers";
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final CuratorFramework zk;
    private final String id;
    private final LeaderLatch latch;
    private final LongSupplier revisionHeld;
    private final String revisionPath;
    private final long catchUpMillis;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> new Thread(r, "vw-controller-leadership"));
    /** Whether this controller leads and its store has caught up with the newest committed revision. */
    private volatile boolean ready;

    /**
     * @param zk a started client
     * @param root the store's root znode
     * @param id this controller's participant id
     * @param revisionHeld the revision the store's mirror holds now
     * @param catchUpMillis how long a new leader waits for its mirror to hold the newest revision before it works
     */
    Leadership(CuratorFramework zk, String root, String id, LongSupplier revisionHeld, long catchUpMillis) {
        this.zk = zk;
        this.id = id;
        this.revisionHeld = revisionHeld;
        this.revisionPath = root + "/" + ZooKeeperWireStore.REVISION;
        this.catchUpMillis = catchUpMillis;
        this.latch = new LeaderLatch(zk, root + "/" + LATCH, id, LeaderLatch.CloseMode.SILENT);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("Controller {} leads", id);
                notifier.execute(Leadership.this::gained);
            }

            @Override
            public void notLeader() {
                ready = false;
                LOG.info("Controller {} no longer leads", id);
            }
        }, notifier);
    }

    /** @return the default participant id: this machine's host name and the Karaf instance's name */
    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + "/" + System.getProperty("karaf.name", "karaf");
    }

    void start() throws Exception {
        latch.start();
    }

    /**
     * Waits until the election has an outcome: this controller leads, or another one does. So that what starts
     * next (the wire manager, which creates the default cloud in an empty store) knows whether it may change the
     * state, instead of being refused while the election is still under way.
     *
     * @param millis how long at most
     * @return whether it has one
     */
    boolean awaitOutcome(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (latch.hasLeadership() || leader().isPresent()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    void close() {
        ready = false;
        try {
            latch.close();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Closing the leader latch: {}", e.toString());
        }
        notifier.shutdownNow();
    }

    /** Waits until the mirror holds the newest committed revision, then tells the listeners. */
    private void gained() {
        long deadline = System.currentTimeMillis() + catchUpMillis;
        try {
            long newest = revisionOf(zk.getData().storingStatIn(new Stat()).forPath(revisionPath));
            while (revisionHeld.getAsLong() < newest && System.currentTimeMillis() < deadline && latch.hasLeadership()) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.warn("A new leader cannot read the newest revision ({}); going on with revision {}", e.toString(),
                    revisionHeld.getAsLong());
        }
        if (!latch.hasLeadership()) {
            return;
        }
        ready = true;
        listeners.forEach(this::tell);
    }

    private static long revisionOf(byte[] data) {
        return Revision.parse(data).revision();
    }

    private void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("A leadership listener failed", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean leading() {
        return latch.hasLeadership();
    }

    @Override
    public Optional<String> leader() {
        if (latch.hasLeadership()) {
            return Optional.of(id);
        }
        try {
            Participant p = latch.getLeader();
            return p.isLeader() && !p.getId().isEmpty() ? Optional.of(p.getId()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // the ensemble cannot be asked now
        }
    }

    /**
     * @return the leader as a process outside the election sees it: the participant whose latch znode has the lowest
     *         sequence number (the id is the znode's data, as {@link LeaderLatch} writes it), if any
     */
    static Optional<String> leaderOf(CuratorFramework zk, String root) {
        String latchPath = root + "/" + LATCH;
        try {
            Optional<String> first = zk.getChildren().forPath(latchPath).stream()
                    .min(java.util.Comparator.comparing(n -> n.substring(n.lastIndexOf('-') + 1)));
            if (first.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new String(zk.getData().forPath(latchPath + "/" + first.get()),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            return Optional.empty(); // no election yet, or the ensemble cannot be asked now
        }
    }

    @Override
    public void addLeadershipListener(Runnable listener) {
        listeners.add(listener);
        if (ready) {
            notifier.execute(() -> tell(listener));
        }
    }

    @Override
    public void removeLeadershipListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void admit() {
        if (!latch.hasLeadership()) {
            throw new NotLeaderException(leader().orElse(null));
        }
    }

    @Override
    public void confirm() {
        String ours = latch.getOurPath();
        try {
            if (ours == null || zk.checkExists().forPath(ours) == null) {
                throw new NotLeaderException(leader().orElse(null));
            }
        } catch (NotLeaderException e) {
            throw e;
        } catch (Exception e) {
            // cannot tell: the commit's own judgement of the revision znode decides
        }
        admit();
    }

    @Override
    public CuratorOp guard() throws Exception {
        String ours = latch.getOurPath();
        if (ours == null) {
            throw new NotLeaderException(leader().orElse(null));
        }
        return zk.transactionOp().check().forPath(ours);
    }
}
