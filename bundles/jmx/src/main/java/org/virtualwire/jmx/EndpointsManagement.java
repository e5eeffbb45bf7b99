package org.virtualwire.jmx;

import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/** {@link EndpointsMXBean} over the wire services. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + EndpointsMXBean.OBJECT_NAME)
public class EndpointsManagement extends ManagementBase implements EndpointsMXBean {
    private final WireService wires;
    private final WireAdminService admin;

    /**
     * @param wires queries
     * @param admin changes
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public EndpointsManagement(@Reference WireService wires, @Reference WireAdminService admin) throws NotCompliantMBeanException {
        super(EndpointsMXBean.class);
        this.wires = wires;
        this.admin = admin;
    }

    @Override
    public List<EndpointInfo> getEndpoints() {
        return wires.endpoints().stream().map(this::info).toList();
    }

    @Override
    public EndpointInfo addEndpoint(String id, String mac, String ip) {
        return call(() -> info(admin.addEndpoint(EndpointId.parse(id), optional(mac), optional(ip), null)));
    }

    @Override
    public EndpointInfo addEndpointWithGateway(String id, String mac, String ip, String gateway) {
        return call(() -> info(admin.addEndpoint(EndpointId.parse(id), optional(mac), optional(ip), null, optional(gateway))));
    }

    @Override
    public void removeEndpoint(String id) {
        run(() -> admin.removeEndpoint(EndpointId.parse(id)));
    }

    private EndpointInfo info(Endpoint e) {
        return EndpointInfo.of(e, wires.wireOf(e.id()).map(w -> w.id().vni()).orElse(null));
    }
}
