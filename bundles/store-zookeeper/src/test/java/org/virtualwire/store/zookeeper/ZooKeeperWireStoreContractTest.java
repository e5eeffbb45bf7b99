package org.virtualwire.store.zookeeper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.virtualwire.spi.WireStore;
import org.virtualwire.testing.WireStoreContract;

/**
 * The ZooKeeper store keeps the store contract, on a real 3-node ensemble. The large commit (300 wires: about
 * 1,500 entities) takes several ZooKeeper transactions of at most 500 operations; "reopened" is a second
 * client and store, as another appliance would have.
 */
class ZooKeeperWireStoreContractTest extends WireStoreContract {
    private static Ensemble ensemble;
    private static int tests;
    private String root;

    @BeforeAll
    static void ensemble() throws Exception {
        ensemble = new Ensemble();
    }

    @AfterAll
    static void close() throws Exception {
        ensemble.close();
    }

    @BeforeEach
    void root() {
        root = "/contract" + ++tests;
    }

    @Override
    protected WireStore store() {
        return ensemble.store(root);
    }

    @Override
    protected WireStore reopened() {
        return ensemble.store(root);
    }
}
