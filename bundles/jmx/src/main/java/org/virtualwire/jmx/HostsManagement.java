package org.virtualwire.jmx;

import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Status;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/** {@link HostsMXBean} over the wire services. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + HostsMXBean.OBJECT_NAME)
public class HostsManagement extends ManagementBase implements HostsMXBean {
    /** The cloud that exists from the start. */
    static final String DEFAULT_CLOUD = "local";

    private final WireService wires;
    private final WireAdminService admin;

    /**
     * @param wires queries
     * @param admin changes
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public HostsManagement(@Reference WireService wires, @Reference WireAdminService admin) throws NotCompliantMBeanException {
        super(HostsMXBean.class);
        this.wires = wires;
        this.admin = admin;
    }

    @Override
    public List<HostInfo> getHosts() {
        return wires.hosts().stream().map(this::info).toList();
    }

    @Override
    public HostInfo addHost(String name, String cloud) {
        String c = optional(cloud);
        return call(() -> info(admin.addHost(HostId.of(name), CloudId.of(c == null ? DEFAULT_CLOUD : c), null)));
    }

    @Override
    public HostInfo addHostWithAddress(String name, String cloud, String address) {
        String c = optional(cloud);
        String a = optional(address);
        return call(() -> info(admin.addHost(HostId.of(name), CloudId.of(c == null ? DEFAULT_CLOUD : c), a)));
    }

    @Override
    public HostInfo addGateway(String name, String cloud, String publicAddress) {
        String c = optional(cloud);
        String p = optional(publicAddress);
        return call(() -> {
            if (p == null) {
                throw new VirtualWireException("address", "a gateway needs a public address");
            }
            return info(admin.addHost(HostId.of(name), CloudId.of(c == null ? DEFAULT_CLOUD : c), null, p));
        });
    }

    @Override
    public void removeHost(String name) {
        run(() -> admin.removeHost(HostId.of(name)));
    }

    private HostInfo info(Host h) {
        Status s = wires.status(h.id());
        return new HostInfo(h.id().name(), h.cloud().name(), h.underlayAddress(), h.publicAddress(), s.health().name(),
                s.detail());
    }
}
