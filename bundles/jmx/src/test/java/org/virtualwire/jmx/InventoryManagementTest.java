package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VmImage;

/** Hosts, guests and endpoints MBeans, called through an MBean server. */
class InventoryManagementTest {
    private static final String S = String.class.getName();
    private final FakeServices fake = new FakeServices();
    private final MBeanServerFixture jmx = new MBeanServerFixture();

    @Test
    void hosts() throws Exception {
        ObjectName name = jmx.register(new HostsManagement(fake, fake), HostsMXBean.OBJECT_NAME);
        CompositeData h1 = (CompositeData) jmx.invoke(name, "addHost", new Object[] {"h1", "local"}, S, S);
        assertEquals("198.18.0.1", h1.get("address"));
        // Jolokia GET requests pass "" for an empty argument: that means the default cloud
        jmx.invoke(name, "addHost", new Object[] {"h2", ""}, S, S);
        assertEquals("local", fake.host(HostId.of("h2")).orElseThrow().cloud().name());

        CompositeData[] hosts = (CompositeData[]) jmx.server.getAttribute(name, "Hosts");
        assertEquals(2, hosts.length);
        assertEquals("h2", hosts[1].get("name"));
        assertEquals("UP", hosts[1].get("status"));

        assertEquals("unknown cloud 'aws'", jmx.refusal(name, "addHost", new Object[] {"h3", "aws"}, S, S));
        assertEquals("host name 'h1' is taken", jmx.refusal(name, "addHost", new Object[] {"h1", null}, S, S));
        jmx.invoke(name, "removeHost", new Object[] {"h2"}, S);
        assertEquals("unknown host 'h2'", jmx.refusal(name, "removeHost", new Object[] {"h2"}, S));
    }

    @Test
    void aHostsUnderlayAddressCanBeChosenAsOnTheConsole() throws Exception {
        ObjectName name = jmx.register(new HostsManagement(fake, fake), HostsMXBean.OBJECT_NAME);
        CompositeData h1 = (CompositeData) jmx.invoke(name, "addHostWithAddress",
                new Object[] {"h1", "local", "198.18.0.77"}, S, S, S);
        assertEquals("198.18.0.77", h1.get("address"));
        assertEquals("198.18.0.77", fake.host(HostId.of("h1")).orElseThrow().underlayAddress());
        // Jolokia's "" for an empty argument: the driver chooses, as addHost does
        jmx.invoke(name, "addHostWithAddress", new Object[] {"h2", "", ""}, S, S, S);
        assertEquals("198.18.0.1", fake.host(HostId.of("h2")).orElseThrow().underlayAddress());
        // addHost is not overloaded: Jolokia clients call it without a signature
        assertEquals(1, java.util.Arrays.stream(jmx.server.getMBeanInfo(name).getOperations())
                .filter(o -> o.getName().equals("addHost")).count());
        assertEquals("address", java.util.Arrays.stream(jmx.server.getMBeanInfo(name).getOperations())
                .filter(o -> o.getName().equals("addHostWithAddress")).findFirst().orElseThrow().getSignature()[2].getName());
    }

    @Test
    void guests() throws Exception {
        fake.addHost(HostId.of("h1"), org.virtualwire.api.CloudId.of("local"), null);
        ObjectName name = jmx.register(new GuestsManagement(fake, fake), GuestsMXBean.OBJECT_NAME);
        CompositeData sw = (CompositeData) jmx.invoke(name, "addGuest", new Object[] {"sw1", "switch", "h1"}, S, S, S);
        assertEquals("switch", sw.get("kind"));
        assertEquals("unknown guest kind 'firewall': use container, switch, router or vm",
                jmx.refusal(name, "addGuest", new Object[] {"fw1", "firewall", "h1"}, S, S, S));
        assertEquals("unknown host 'h9'", jmx.refusal(name, "addGuest", new Object[] {"c1", "container", "h9"}, S, S, S));
        CompositeData[] guests = (CompositeData[]) jmx.server.getAttribute(name, "Guests");
        assertEquals(1, guests.length);
        assertEquals("h1", guests[0].get("host"));
        assertNull(guests[0].get("kernel"), "the project's image has no paths");

        CompositeData vm = (CompositeData) jmx.invoke(name, "addVm",
                new Object[] {"vm1", "h1", "/srv/bzImage", "", "/srv/disk.raw"}, S, S, S, S, S);
        assertEquals("vm", vm.get("kind"));
        assertEquals("/srv/bzImage", vm.get("kernel"));
        assertNull(vm.get("initrd"), "Jolokia's empty argument means none");
        assertEquals(new VmImage("/srv/bzImage", null, "/srv/disk.raw"), fake.guest(GuestId.of("vm1")).orElseThrow().image());
        jmx.invoke(name, "removeGuest", new Object[] {"vm1"}, S);
        jmx.invoke(name, "removeGuest", new Object[] {"sw1"}, S);
        assertTrue(fake.guests().isEmpty());
        assertEquals("unknown guest 'sw1'", jmx.refusal(name, "removeGuest", new Object[] {"sw1"}, S));
    }

    @Test
    void endpoints() throws Exception {
        fake.withWire();
        ObjectName name = jmx.register(new EndpointsManagement(fake, fake), EndpointsMXBean.OBJECT_NAME);
        CompositeData e = (CompositeData) jmx.invoke(name, "addEndpoint", new Object[] {"web1/eth1", "", ""}, S, S, S);
        assertEquals("web1/eth1", e.get("id"));
        assertNull(e.get("ip"));
        assertNull(e.get("wire"));
        assertEquals(1450, e.get("mtu"));
        jmx.invoke(name, "addEndpoint", new Object[] {"web2/eth1", "02:00:00:00:00:01", "10.99.1.2/24"}, S, S, S);
        assertEquals("02:00:00:00:00:01", fake.endpoint(EndpointId.parse("web2/eth1")).orElseThrow().mac().text());

        assertEquals("malformed MAC address 'zz': write six hex pairs, e.g. 02:00:00:00:00:01",
                jmx.refusal(name, "addEndpoint", new Object[] {"web2/eth2", "zz", null}, S, S, S));
        assertEquals("malformed IPv4 address '10.99.1'",
                jmx.refusal(name, "addEndpoint", new Object[] {"web2/eth2", null, "10.99.1/24"}, S, S, S));
        assertEquals("unknown guest 'web3'", jmx.refusal(name, "addEndpoint", new Object[] {"web3/eth0", null, null}, S, S, S));

        CompositeData[] all = (CompositeData[]) jmx.server.getAttribute(name, "Endpoints");
        assertEquals(4, all.length);
        assertEquals("web1/eth0", all[0].get("id"));
        assertEquals(100, all[0].get("wire"));
        assertEquals("10.99.0.1/24", all[0].get("ip"));

        jmx.invoke(name, "removeEndpoint", new Object[] {"web1/eth1"}, S);
        assertTrue(fake.endpoint(EndpointId.parse("web1/eth1")).isEmpty());
        assertTrue(fake.guest(GuestId.of("web1")).isPresent());
    }
}
