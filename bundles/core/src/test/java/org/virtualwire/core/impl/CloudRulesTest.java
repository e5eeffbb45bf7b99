package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;

class CloudRulesTest {
    private final ChangeFixture f = new ChangeFixture();
    private final CloudRules rules = new CloudRules(f.changes, f.installed);

    @Test
    void aNewCloudIsCheckedByItsDriverAgainstTheOthers() {
        rules.add(CloudId.of("dc2"), "local", Map.of("mtu", "9000"));
        assertEquals(List.of(LOCAL), f.driver.othersSeen.get(0).stream().map(c -> c.id()).toList());
        assertEquals("9000", f.changes.cloud(CloudId.of("dc2")).properties().get("mtu"));
    }

    @Test
    void aTakenNameOrAMissingDriverIsRefused() {
        VirtualWireException taken = assertThrows(VirtualWireException.class, () -> rules.add(LOCAL, "local", Map.of()));
        assertEquals("cloud name 'local' is taken", taken.getMessage());
        VirtualWireException driver = assertThrows(VirtualWireException.class,
                () -> rules.add(CloudId.of("aws"), "ec2", Map.of()));
        assertEquals("driver", driver.field());
        assertTrue(driver.getMessage().contains("install feature virtualwire-driver-ec2"), driver.getMessage());
        assertEquals(List.of(LOCAL), List.copyOf(f.changes.clouds().keySet()), "refused: nothing added");
    }

    @Test
    void aCloudWithHostsStays() {
        f.rules().addHost(HostId.of("h1"), LOCAL, null);
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> rules.remove(LOCAL));
        assertEquals("cloud local still has hosts: h1", e.getMessage());
        f.rules().removeHost(HostId.of("h1"));
        rules.remove(LOCAL);
        assertTrue(f.changes.clouds().isEmpty());
    }
}
