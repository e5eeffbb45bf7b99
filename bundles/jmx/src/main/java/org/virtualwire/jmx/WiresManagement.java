package org.virtualwire.jmx;

import java.time.Duration;
import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireService;
import org.virtualwire.api.WireView;

/** {@link WiresMXBean} over the wire services. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + WiresMXBean.OBJECT_NAME)
public class WiresManagement extends ManagementBase implements WiresMXBean {
    private final WireService wires;
    private final WireAdminService admin;

    /**
     * @param wires queries
     * @param admin changes
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public WiresManagement(@Reference WireService wires, @Reference WireAdminService admin) throws NotCompliantMBeanException {
        super(WiresMXBean.class);
        this.wires = wires;
        this.admin = admin;
    }

    @Override
    public List<WireInfo> getWires() {
        return wires.wireViews().stream().map(WiresManagement::info).toList();
    }

    @Override
    public int connect(String a, String b) {
        return call(() -> (OutsideVtep.isOutside(b) ? admin.connect(EndpointId.parse(a), OutsideVtep.parse(b))
                : admin.connect(EndpointId.parse(a), EndpointId.parse(b))).id().vni());
    }

    @Override
    public void disconnect(String id) {
        run(() -> admin.disconnect(WireId.parse(id)));
    }

    @Override
    public WireCountersInfo counters(String id) {
        return call(() -> {
            WireId wireId = WireId.parse(id);
            WireCounters c = wires.counters(wireId);
            Wire w = wires.wire(wireId).orElseThrow(() -> new IllegalStateException("wire " + id + " vanished"));
            return new WireCountersInfo(wireId.vni(), EndCountersInfo.of(w.a(), c.a()), EndCountersInfo.of(w.farEnd(), c.b()));
        });
    }

    @Override
    public boolean awaitApplied(int timeoutSeconds) {
        return wires.awaitApplied(Duration.ofSeconds(timeoutSeconds));
    }

    /** From one read: the wire, its hosts and its status belong to one revision. */
    private static WireInfo info(WireView v) {
        Wire w = v.wire();
        Status s = v.status();
        return new WireInfo(w.id().vni(), w.a().toString(), w.farEnd(), name(v.hostA()),
                w.toOutside() ? "outside:" + w.outside().anchor() : name(v.hostB()), w.tunnel(),
                s.health().name(), s.detail());
    }

    private static String name(HostId h) {
        return h == null ? null : h.name();
    }
}
