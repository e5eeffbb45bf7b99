package org.virtualwire.jmx;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.VirtualWireException;

/**
 * {@link MigrationsMXBean} over the migration service. The service comes with the virtualwire-migration
 * feature, which may be absent: a mandatory reference would make this bundle (part of virtualwire-core)
 * require it when features resolve, so the reference is optional and the MBean says what to install.
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + MigrationsMXBean.OBJECT_NAME)
public class MigrationsManagement extends ManagementBase implements MigrationsMXBean {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile MigrationService migrations;

    /** @throws NotCompliantMBeanException never: the interface follows the MXBean rules */
    public MigrationsManagement() throws NotCompliantMBeanException {
        super(MigrationsMXBean.class);
    }

    /**
     * For tests.
     *
     * @param migrations the migration service
     * @throws NotCompliantMBeanException never
     */
    MigrationsManagement(MigrationService migrations) throws NotCompliantMBeanException {
        this();
        this.migrations = migrations;
    }

    @Override
    public List<MigrationInfo> getHistory() {
        MigrationService m = migrations;
        return m == null ? List.of() : m.history().stream().map(MigrationInfo::of).toList();
    }

    @Override
    public MigrationInfo migrate(String guest, String host) {
        return call(() -> MigrationInfo.of(service().migrate(GuestId.of(guest), HostId.of(host), Map.of(), s -> { })));
    }

    @Override
    public ProbedMigrationInfo migrateWithProbe(String guest, String host, String probeFrom, String probeTo,
            double probeSeconds) {
        return call(() -> {
            MigrationProbe probe = new MigrationProbe(EndpointId.parse(probeFrom),
                    probeTo == null || probeTo.isBlank() ? null : EndpointId.parse(probeTo),
                    probeSeconds > 0 ? Duration.ofMillis((long) (probeSeconds * 1000)) : null);
            return ProbedMigrationInfo.of(service().migrate(GuestId.of(guest), HostId.of(host), Map.of(), probe, s -> { }));
        });
    }

    private MigrationService service() {
        MigrationService m = migrations;
        if (m == null) {
            throw new VirtualWireException(null, "live migration is not installed: feature:install virtualwire-migration");
        }
        return m;
    }
}
