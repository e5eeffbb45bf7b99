package org.virtualwire.jmx;

import java.util.ArrayList;
import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.Host;
import org.virtualwire.api.Status;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireService;
import org.virtualwire.api.WireView;

/** {@link ViewMXBean} over the wire service. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + ViewMXBean.OBJECT_NAME)
public class ViewManagement extends ManagementBase implements ViewMXBean {
    private final WireService wires;

    /**
     * @param wires queries
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public ViewManagement(@Reference WireService wires) throws NotCompliantMBeanException {
        super(ViewMXBean.class);
        this.wires = wires;
    }

    @Override
    public TopologyViewInfo getTopology() {
        List<WireView> views = wires.wireViews();
        List<HostInfo> hosts = wires.hosts().stream().map(this::info).toList();
        return new TopologyViewInfo(wires.clouds().stream().map(c -> c.id().name()).toList(), hosts,
                wires.guests().stream().map(GuestInfo::of).toList(),
                wires.endpoints().stream().map(e -> EndpointInfo.of(e, views.stream()
                        .filter(v -> v.wire().ends().contains(e.id()))
                        .map(v -> v.wire().id().vni()).findFirst().orElse(null))).toList(),
                views.stream().map(WireViewInfo::of).toList());
    }

    @Override
    public List<WireCountersInfo> getCounters() {
        List<WireCountersInfo> all = new ArrayList<>();
        for (Wire w : wires.wires()) {
            try {
                WireCounters c = wires.counters(w.id());
                all.add(new WireCountersInfo(w.id().vni(), EndCountersInfo.of(w.a(), c.a()), EndCountersInfo.of(w.farEnd(), c.b())));
            } catch (RuntimeException e) {
                // disconnected between the two reads, or its host is not reachable: no counters for it this time
            }
        }
        return all;
    }

    private HostInfo info(Host h) {
        Status s = wires.status(h.id());
        return new HostInfo(h.id().name(), h.cloud().name(), h.underlayAddress(), h.publicAddress(), s.health().name(),
                s.detail());
    }
}
