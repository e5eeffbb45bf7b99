package org.virtualwire.jmx;

import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/**
 * {@link GatewayMXBean} over the {@link GatewayService}, which is there only while a gateway runs on this
 * machine (the gateway feature installed and configured with a cloud); without it the MBean says so.
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + GatewayMXBean.OBJECT_NAME)
public class GatewayMBean extends VwMBean implements GatewayMXBean {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile GatewayService gateway;

    /** @throws NotCompliantMBeanException never: the interface follows the MXBean rules */
    public GatewayMBean() throws NotCompliantMBeanException {
        super(GatewayMXBean.class);
    }

    /** For tests: a bean over a given gateway (or none). */
    GatewayMBean(GatewayService gateway) throws NotCompliantMBeanException {
        this();
        this.gateway = gateway;
    }

    @Override
    public boolean isRunning() {
        return gateway != null;
    }

    @Override
    public String getCloud() {
        GatewayService g = gateway;
        return g == null ? "" : g.cloud().name();
    }

    @Override
    public long getTableRevision() {
        GatewayService g = gateway;
        return g == null ? -1 : g.tableRevision();
    }

    @Override
    public GatewayCountersInfo getCounters() {
        GatewayService g = gateway;
        return GatewayCountersInfo.of(-1, g == null ? new TrafficCounters(0, 0, 0, 0, null) : g.counters());
    }

    @Override
    public List<GatewayCountersInfo> getWireCounters() {
        GatewayService g = gateway;
        return g == null ? List.of() : g.wireCounters().entrySet().stream()
                .map(e -> GatewayCountersInfo.of(e.getKey().vni(), e.getValue())).toList();
    }
}
