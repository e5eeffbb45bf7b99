package org.virtualwire.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtualwire.api.cluster.AgentStatus;
import org.virtualwire.api.cluster.ClusterService;
import org.virtualwire.api.cluster.ClusterStatus;

/** {@code vw:cluster-status}: the store, the controllers' election and each host's agent. */
@Service
@Command(scope = "vw", name = "cluster-status", description = "Show the replicated store, the leading controller and how far each host's agent is")
public class ClusterStatusCommand extends VwAction {
    /** Shown when no replicated store is configured. */
    static final String NO_CLUSTER = "No cluster: the desired state is in this appliance's file store "
            + "(data/virtualwire/state.json) and this controller, the only one, always leads. Several controllers "
            + "share a ZooKeeper store: feature:install virtualwire-store-zookeeper and create "
            + "etc/org.virtualwire.store.zookeeper.cfg (see the README, \"Desired state on ZooKeeper\")";

    /** Optional: Karaf holds back every command of this bundle until each mandatory reference is there. */
    @Reference(optional = true)
    ClusterService cluster;

    @Option(name = "--json", description = "Print a JSON object instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        if (cluster == null) {
            out().println(NO_CLUSTER);
            return;
        }
        ClusterStatus s = cluster.status();
        if (json) {
            printJson(toJson(s));
            return;
        }
        PrintStream out = out();
        out.println("Store:       " + s.store() + " " + s.connectString());
        out.println("Connection:  " + s.connection());
        out.println("Leader:      " + (s.leaderId().isEmpty() ? "(none)" : s.leaderId()));
        out.println("This:        " + (s.controllerId().isEmpty() ? "(no controller)" : s.controllerId()) + " " + s.role());
        out.println("Desired:     revision " + s.desiredRevision());
        ShellTable table = new ShellTable();
        List.of("Host", "Last report", "Applied", "Drift", "Status").forEach(table::column);
        for (AgentStatus a : s.agents()) {
            table.addRow().addContent(a.host(), a.lastReport() == null ? "-" : a.lastReport().toString(),
                    a.appliedRevision(), a.drift(), a.status());
        }
        table.print(out);
    }

    private static Map<String, Object> toJson(ClusterStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", s.store());
        m.put("connectString", s.connectString());
        m.put("connection", s.connection());
        m.put("leader", s.leaderId());
        m.put("controller", s.controllerId());
        m.put("role", s.role());
        m.put("desiredRevision", s.desiredRevision());
        List<Map<String, Object>> agents = new ArrayList<>();
        for (AgentStatus a : s.agents()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("host", a.host());
            am.put("lastReport", a.lastReport() == null ? null : a.lastReport().toString());
            am.put("appliedRevision", a.appliedRevision());
            am.put("drift", a.drift());
            am.put("status", a.status());
            agents.add(am);
        }
        m.put("agents", agents);
        return m;
    }
}
