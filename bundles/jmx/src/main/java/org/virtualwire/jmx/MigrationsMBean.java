package org.virtualwire.jmx;

import java.util.List;
import java.util.Map;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationService;

/** {@link MigrationsMXBean} over the migration service; present while the migration feature is installed. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + MigrationsMXBean.OBJECT_NAME)
public class MigrationsMBean extends VwMBean implements MigrationsMXBean {
    private final MigrationService migrations;

    /**
     * @param migrations the migration service
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public MigrationsMBean(@Reference MigrationService migrations) throws NotCompliantMBeanException {
        super(MigrationsMXBean.class);
        this.migrations = migrations;
    }

    @Override
    public List<MigrationInfo> getHistory() {
        return migrations.history().stream().map(MigrationInfo::of).toList();
    }

    @Override
    public MigrationInfo migrate(String guest, String host) {
        return call(() -> MigrationInfo.of(migrations.migrate(GuestId.of(guest), HostId.of(host), Map.of(), s -> { })));
    }
}
