package org.virtualwire.jmx;

import java.util.List;
import java.util.Map;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.virtualwire.api.cluster.AgentStatus;
import org.virtualwire.api.cluster.ClusterService;
import org.virtualwire.api.cluster.ClusterStatus;
import org.virtualwire.spi.WireStore;

/** {@link ClusterMXBean} over the cluster service, or the file store's fixed answers while there is none. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + ClusterMXBean.OBJECT_NAME)
public class ClusterManagement extends ManagementBase implements ClusterMXBean {
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile WireStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterService cluster;

    /** @throws NotCompliantMBeanException never: the interface follows the MXBean rules */
    public ClusterManagement() throws NotCompliantMBeanException {
        super(ClusterMXBean.class);
    }

    private ClusterStatus status() {
        ClusterService c = cluster;
        if (c != null) {
            return c.status();
        }
        WireStore s = store;
        long revision = s.current().revision();
        List<AgentStatus> agents = s.reports().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new AgentStatus(e.getKey().name(), null, e.getValue().appliedRevision(),
                        Math.max(0, revision - e.getValue().appliedRevision()), e.getValue().host().health().name()))
                .toList();
        return new ClusterStatus("file", "", "CONNECTED", "", "LEADER", "", revision, agents);
    }

    @Override
    public String getStore() {
        return status().store();
    }

    @Override
    public String getConnectString() {
        return status().connectString();
    }

    @Override
    public String getConnection() {
        return status().connection();
    }

    @Override
    public String getLeader() {
        return status().leaderId();
    }

    @Override
    public String getControllerId() {
        return status().controllerId();
    }

    @Override
    public String getRole() {
        return status().role();
    }

    @Override
    public long getDesiredRevision() {
        return status().desiredRevision();
    }

    @Override
    public List<AgentInfo> getAgents() {
        return status().agents().stream().map(AgentInfo::of).toList();
    }
}
