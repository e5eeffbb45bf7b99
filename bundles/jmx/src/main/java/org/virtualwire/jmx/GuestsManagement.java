package org.virtualwire.jmx;

import java.util.List;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Route;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/** {@link GuestsMXBean} over the wire services. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + GuestsMXBean.OBJECT_NAME)
public class GuestsManagement extends ManagementBase implements GuestsMXBean {
    private final WireService wires;
    private final WireAdminService admin;

    /**
     * @param wires queries
     * @param admin changes
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public GuestsManagement(@Reference WireService wires, @Reference WireAdminService admin) throws NotCompliantMBeanException {
        super(GuestsMXBean.class);
        this.wires = wires;
        this.admin = admin;
    }

    @Override
    public List<GuestInfo> getGuests() {
        return wires.guests().stream().map(GuestInfo::of).toList();
    }

    @Override
    public GuestInfo addGuest(String name, String kind, String host) {
        return call(() -> GuestInfo.of(admin.addGuest(GuestId.of(name), GuestKind.parse(kind), HostId.of(host))));
    }

    @Override
    public GuestInfo addGuestWithRoutes(String name, String kind, String host, String[] routes) {
        return call(() -> GuestInfo.of(admin.addGuest(GuestId.of(name), GuestKind.parse(kind), HostId.of(host), null,
                routes == null ? java.util.List.of() : java.util.Arrays.stream(routes).map(Route::parse).toList())));
    }

    @Override
    public GuestInfo addVm(String name, String host, String kernel, String initrd, String disk) {
        return call(() -> GuestInfo.of(admin.addGuest(GuestId.of(name), GuestKind.VM, HostId.of(host),
                new VmImage(kernel, initrd, disk))));
    }

    @Override
    public void removeGuest(String name) {
        run(() -> admin.removeGuest(GuestId.of(name)));
    }
}
