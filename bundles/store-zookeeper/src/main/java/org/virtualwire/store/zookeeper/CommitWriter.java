package org.virtualwire.store.zookeeper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.spi.Topology;

/**
 * Writes one commit: the changed entities, then the revision znode, compare-and-set on its version. A commit of
 * more than {@code maxOps} operations becomes several ZooKeeper transactions: the first marks the revision znode
 * pending (which fences out any other writer), the last stores the new revision; readers see none of it until
 * then (see {@link Entity#visibleAt}). A transaction whose outcome is unknown (the connection was lost, or
 * Curator's retry met BADVERSION because the first try had applied) is judged by reading the revision znode again,
 * never failed or re-applied blindly.
 */
final class CommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CommitWriter.class);
    private static final int TRIES = 5;

    private enum Verdict { APPLIED, RETRY, CONFLICT }

    @FunctionalInterface
    private interface Judge {
        Verdict of(Revision now, int version);
    }

    /** Runs around each ZooKeeper transaction; tests use it to lose a reply as a dying leader would. */
    @FunctionalInterface
    interface Hook {
        /** @param applied whether the transaction has just applied (false: it is about to be sent) */
        void on(boolean applied) throws Exception;
    }

    /** Who may commit: every ZooKeeper transaction of a commit passes it (see {@link Leadership}). */
    interface Fence {
        /** Lets anyone commit: a store without controllers' election. */
        Fence NONE = new Fence() {
            @Override
            public void admit() {
            }

            @Override
            public void confirm() {
            }

            @Override
            public CuratorOp guard() {
                return null;
            }
        };

        /** @throws org.virtualwire.spi.cluster.NotLeaderException if this controller does not lead now */
        void admit();

        /**
         * After a failed transaction: asks the ensemble whether this controller still leads.
         *
         * @throws org.virtualwire.spi.cluster.NotLeaderException if it does not
         */
        void confirm();

        /** @return an operation each transaction must pass (this controller still leads), or null */
        CuratorOp guard() throws Exception;
    }

    private final CuratorFramework zk;
    private final String root;
    private final int maxOps;
    volatile Hook hook = applied -> { };
    volatile Fence fence = Fence.NONE;

    CommitWriter(CuratorFramework zk, String root, int maxOps) {
        this.zk = zk;
        this.root = root;
        this.maxOps = maxOps;
    }

    /**
     * @param expected the state the change was computed from
     * @param next the new state
     * @param known the znodes as the mirror has them (path relative to the root: data); a guess at which exist
     * @throws IllegalStateException if the stored state is no longer {@code expected}, or the ensemble cannot be
     *         reached (the message says whether the outcome is known)
     */
    void commit(Topology expected, Topology next, Map<String, byte[]> known) {
        fence.admit();
        Stat stat = new Stat();
        Revision rev = readRevision(stat, false);
        if (rev.revision() != expected.revision()) {
            throw new IllegalStateException("the desired state changed meanwhile (revision " + rev.revision()
                    + ", expected " + expected.revision() + ")");
        }
        int v = stat.getVersion();
        long gen = v + 1L;
        Set<String> existing = new HashSet<>(known.keySet());
        Map<String, byte[]> writes = new LinkedHashMap<>();
        if (rev.pending() != 0) {
            LOG.warn("A commit of generation {} was left unfinished; undoing what it wrote", rev.pending());
            repair(rev, writes, existing);
        }
        known.forEach((path, data) -> {
            if (StateReader.kindOf(path) != null && data != null && data.length > 0) {
                Entity e = Entity.parse(data);
                if (e.value() == null && e.gen() <= rev.gen()) {
                    writes.put(path, null); // a tombstone no reader needs any more
                }
            }
        });
        long count = diff(expected, next, gen, writes);
        Revision done = new Revision(next.revision(), gen, count, 0);
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(writes.entrySet());
        if (all.size() < maxOps && rev.pending() == 0) {
            batch(all, setRevision(v, done),
                    existing, (now, version) -> now.revision() == done.revision() && now.gen() == gen ? Verdict.APPLIED
                            : version == v ? Verdict.RETRY : Verdict.CONFLICT);
            return;
        }
        Revision pending = new Revision(rev.revision(), rev.gen(), rev.count(), gen);
        batch(List.of(), setRevision(v, pending),
                existing, (now, version) -> version == gen && now.pending() == gen ? Verdict.APPLIED
                        : version == v ? Verdict.RETRY : Verdict.CONFLICT);
        int mine = (int) gen;
        for (int from = 0; from < all.size(); from += maxOps - 1) {
            List<Map.Entry<String, byte[]>> chunk = all.subList(from, Math.min(all.size(), from + maxOps - 1));
            boolean last = from + maxOps - 1 >= all.size();
            CuratorOp guard = last
                    ? setRevision(mine, done)
                    : checkRevision(mine);
            // a middle transaction is idempotent while the revision znode is still ours: write it again
            batch(chunk, guard, existing, (now, version) -> last && now.revision() == done.revision() && now.gen() == gen
                    ? Verdict.APPLIED : version == mine ? Verdict.RETRY : Verdict.CONFLICT);
        }
        if (all.isEmpty()) {
            batch(List.of(), setRevision(mine, done),
                    existing, (now, version) -> now.revision() == done.revision() && now.gen() == gen ? Verdict.APPLIED
                            : version == mine ? Verdict.RETRY : Verdict.CONFLICT);
        }
    }

    /** @return how many entity znodes generation {@code gen} writes */
    private static long diff(Topology expected, Topology next, long gen, Map<String, byte[]> writes) {
        long count = 0;
        for (Kind<?> kind : Kind.ALL) {
            Map<?, ?> before = kind.of(expected);
            Map<?, ?> after = kind.of(next);
            Set<Object> ids = new HashSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (Object id : ids) {
                Object old = before.get(id);
                Object now = after.get(id);
                if (!Objects.equals(old, now)) {
                    String name = kind.znode(now != null ? now : old);
                    writes.put(kind.folder + "/" + name, new Entity(gen, kind.write(now), kind.write(old)).bytes());
                    count++;
                }
            }
        }
        return count;
    }

    /** Undoes what an unfinished commit wrote: each entity back to what the committed generation has. */
    private void repair(Revision rev, Map<String, byte[]> writes, Set<String> existing) {
        try {
            for (Kind<?> kind : Kind.ALL) {
                for (String child : zk.getChildren().forPath(path(kind.folder))) {
                    String rel = kind.folder + "/" + child;
                    existing.add(rel);
                    Entity e = Entity.parse(zk.getData().forPath(path(rel)));
                    if (e.gen() > rev.gen()) {
                        writes.put(rel, e.prev() == null ? null : new Entity(rev.gen(), e.prev(), null).bytes());
                    }
                }
            }
        } catch (Exception e) {
            throw unreachable("nothing was changed", e);
        }
    }

    private void batch(List<Map.Entry<String, byte[]>> chunk, CuratorOp guard, Set<String> existing, Judge judge) {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                List<CuratorOp> ops = new ArrayList<>();
                for (Map.Entry<String, byte[]> w : chunk) {
                    CuratorOp op = op(w.getKey(), w.getValue(), existing);
                    if (op != null) {
                        ops.add(op);
                    }
                }
                ops.add(guard);
                fence.admit();
                CuratorOp leads = fence.guard();
                if (leads != null) {
                    ops.add(leads);
                }
                hook.on(false);
                zk.transaction().forOperations(ops);
                hook.on(true);
                applied(chunk, existing);
                return;
            } catch (KeeperException e) {
                Stat stat = new Stat();
                Revision now = readRevision(stat, true);
                Verdict verdict = judge.of(now, stat.getVersion());
                LOG.info("ZooKeeper transaction failed ({}); the revision znode says {}: {}", e.code(), now, verdict);
                if (verdict == Verdict.APPLIED) {
                    applied(chunk, existing);
                    return;
                }
                fence.confirm();
                if (verdict == Verdict.CONFLICT) {
                    throw new IllegalStateException("the desired state changed meanwhile (revision " + now.revision() + ")");
                }
                refresh(chunk, existing);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("interrupted; the outcome is unknown until the store is read again", e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw unreachable("the outcome is unknown until the store is read again", e);
            }
        }
        throw new IllegalStateException("the ZooKeeper store refused the commit " + TRIES + " times");
    }

    /** @return an operation that writes the revision znode if it is still at {@code version} (builds it, sends nothing) */
    private CuratorOp setRevision(int version, Revision revision) {
        try {
            return zk.transactionOp().setData().withVersion(version).forPath(path(ZooKeeperWireStore.REVISION), revision.bytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an operation that fails unless the revision znode is still at {@code version} */
    private CuratorOp checkRevision(int version) {
        try {
            return zk.transactionOp().check().withVersion(version).forPath(path(ZooKeeperWireStore.REVISION));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CuratorOp op(String rel, byte[] data, Set<String> existing) throws Exception {
        if (data == null) {
            return existing.contains(rel) ? zk.transactionOp().delete().forPath(path(rel)) : null;
        }
        return existing.contains(rel) ? zk.transactionOp().setData().forPath(path(rel), data)
                : zk.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(path(rel), data);
    }

    private static void applied(List<Map.Entry<String, byte[]>> chunk, Set<String> existing) {
        chunk.forEach(w -> {
            if (w.getValue() == null) {
                existing.remove(w.getKey());
            } else {
                existing.add(w.getKey());
            }
        });
    }

    /** The mirror's guess at which znodes exist was wrong: ask the ensemble for this transaction's znodes. */
    private void refresh(List<Map.Entry<String, byte[]>> chunk, Set<String> existing) {
        try {
            for (Map.Entry<String, byte[]> w : chunk) {
                if (zk.checkExists().forPath(path(w.getKey())) != null) {
                    existing.add(w.getKey());
                } else {
                    existing.remove(w.getKey());
                }
            }
        } catch (Exception e) {
            throw unreachable("the outcome is unknown until the store is read again", e);
        }
    }

    private Revision readRevision(Stat stat, boolean inFlight) {
        try {
            return Revision.parse(zk.getData().storingStatIn(stat).forPath(path(ZooKeeperWireStore.REVISION)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted", e);
        } catch (Exception e) {
            throw unreachable(inFlight ? "the outcome is unknown until the store is read again" : "nothing was changed", e);
        }
    }

    private IllegalStateException unreachable(String outcome, Exception e) {
        String why = e instanceof KeeperException k ? k.code().toString() : e.toString();
        return new IllegalStateException("the ZooKeeper store " + zk.getZookeeperClient().getCurrentConnectionString()
                + " cannot be reached (" + why + "): " + outcome, e);
    }

    private String path(String rel) {
        return root + "/" + rel;
    }
}
