package org.virtualwire.core.impl.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.spi.WireStore;
import org.virtualwire.testing.WireStoreContract;

/** The embedded file store keeps the store contract. */
class FileWireStoreContractTest extends WireStoreContract {
    @TempDir
    Path dir;

    @Override
    protected WireStore store() {
        return new FileWireStore(dir);
    }

    @Override
    protected WireStore reopened() {
        return new FileWireStore(dir);
    }
}
