package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Guest;

/** {@code vw:guest-list}. */
@Service
@Command(scope = "vw", name = "guest-list", description = "List the guests")
public class GuestListCommand extends ListAction<Guest> {
    @Override
    List<Guest> items() {
        return wireService.guests();
    }

    @Override
    List<String> columns() {
        return List.of("Name", "Kind", "Host");
    }

    @Override
    List<Object> cells(Guest g) {
        return List.of(g.id().name(), g.kind().label(), g.host().name());
    }

    @Override
    Map<String, Object> toJson(Guest g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.id().name());
        m.put("kind", g.kind().label());
        m.put("host", g.host().name());
        return m;
    }
}
