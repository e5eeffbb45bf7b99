package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Cloud;

/** {@code vw:cloud-list}. */
@Service
@Command(scope = "vw", name = "cloud-list", description = "List the clouds")
public class CloudListCommand extends ListAction<Cloud> {
    @Override
    List<Cloud> items() {
        return wireService.clouds();
    }

    @Override
    List<String> columns() {
        return List.of("Name", "Driver", "Properties");
    }

    @Override
    List<Object> cells(Cloud c) {
        StringBuilder props = new StringBuilder();
        new TreeMap<>(c.properties()).forEach((k, v) -> props.append(props.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return List.of(c.id().name(), c.driver(), props.toString());
    }

    @Override
    Map<String, Object> toJson(Cloud c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.id().name());
        m.put("driver", c.driver());
        m.put("properties", new TreeMap<>(c.properties()));
        return m;
    }
}
