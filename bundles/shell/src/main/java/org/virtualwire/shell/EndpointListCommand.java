package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Wire;

/** {@code vw:endpoint-list}. */
@Service
@Command(scope = "vw", name = "endpoint-list", description = "List the endpoints (guest NICs) and their wires")
public class EndpointListCommand extends ListAction<Endpoint> {
    @Override
    List<Endpoint> items() {
        return wireService.endpoints();
    }

    @Override
    List<String> columns() {
        return List.of("Endpoint", "MAC", "IP", "MTU", "Wire");
    }

    @Override
    List<Object> cells(Endpoint e) {
        return List.of(e.id().toString(), e.mac().toString(), text(e.address()), e.mtu(), text(wire(e)));
    }

    @Override
    Map<String, Object> toJson(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id().toString());
        m.put("mac", e.mac().toString());
        m.put("ip", e.address() == null ? null : e.address().toString());
        m.put("mtu", e.mtu());
        m.put("gateway", e.gateway());
        m.put("wire", wire(e));
        return m;
    }

    private Integer wire(Endpoint e) {
        return wireService.wireOf(e.id()).map(Wire::id).map(id -> id.vni()).orElse(null);
    }
}
