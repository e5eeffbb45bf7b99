package org.virtualwire.core.impl.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.Topology;

/** Commits forever, each revision adding one host, until it is killed. Run by {@link FileWireStoreTest}. */
public final class StoreCrashChild {
    private StoreCrashChild() {
    }

    public static void main(String[] args) {
        FileWireStore store = new FileWireStore(Path.of(args[0]));
        boolean told = false;
        while (true) {
            Topology t = store.current();
            Map<HostId, Host> hosts = new HashMap<>(t.hosts());
            HostId id = HostId.of("h" + (t.revision() + 1));
            hosts.put(id, new Host(id, CloudId.of("local"), "198.18.0.1"));
            store.commit(t, new Topology(t.revision() + 1, t.clouds(), hosts, t.guests(), t.endpoints(), t.wires()));
            if (!told) {
                System.out.println("ready"); // after a first commit, so every kill lands amid a stream of commits
                System.out.flush();
                told = true;
            }
        }
    }
}
