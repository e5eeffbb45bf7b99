package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:cloud-add NAME --driver D [--property k=v]...}. */
@Service
@Command(scope = "vw", name = "cloud-add", description = "Add a cloud served by a driver")
public class CloudAddCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The new cloud's name", required = true)
    String name;

    @Option(name = "--driver", aliases = "-d", description = "The driver that serves it, e.g. local", required = true)
    @Completion(value = StringsCompleter.class, values = {"local"})
    String driver;

    @Option(name = "--property", aliases = "-p", description = "A driver setting key=value (repeatable)", multiValued = true)
    List<String> properties;

    @Override
    protected void run() {
        Cloud cloud = admin.addCloud(CloudId.of(name), driver, parse(properties));
        done("Cloud " + cloud.id() + " added (driver " + cloud.driver() + ")");
    }

    static Map<String, String> parse(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new VirtualWireException("property", "malformed property '" + pair + "': write key=value");
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return map;
    }
}
