package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Host;
import org.virtualwire.api.Status;

/** {@code vw:host-list}. */
@Service
@Command(scope = "vw", name = "host-list", description = "List the hosts with their agents' status")
public class HostListCommand extends ListAction<Host> {
    @Override
    List<Host> items() {
        return wireService.hosts();
    }

    @Override
    List<String> columns() {
        return List.of("Name", "Cloud", "Address", "Public", "Status");
    }

    @Override
    List<Object> cells(Host h) {
        return List.of(h.id().name(), h.cloud().name(), text(h.underlayAddress()),
                h.gateway() ? h.publicAddress() : "-", wireService.status(h.id()).toString());
    }

    @Override
    Map<String, Object> toJson(Host h) {
        Status status = wireService.status(h.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.id().name());
        m.put("cloud", h.cloud().name());
        m.put("address", h.underlayAddress());
        m.put("public", h.publicAddress());
        m.put("status", status.health().name());
        m.put("detail", status.detail());
        return m;
    }
}
