package org.virtualwire.itests;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireService;

/**
 * The topology the tests build on the local cloud: two hosts, a switch and guests on both sides.
 * <pre>
 *   host east                              host west
 *   alpha 10.99.1.1 --- sw/p1   sw/p2 ===== bravo   10.99.1.2
 *                         sw    sw/p3 ===== charlie 10.99.1.3
 *   delta 10.99.2.1 ========================= echo  10.99.2.2
 * </pre>
 * "---" is a wire within one host, "===" a wire across hosts (a VXLAN tunnel on the underlay).
 */
final class Lab {
    static final CloudId LOCAL = CloudId.of("local");
    static final HostId EAST = HostId.of("east");
    static final HostId WEST = HostId.of("west");
    /** A third host, not built by {@link #build}: where the migration tests send guests. */
    static final HostId NORTH = HostId.of("north");

    static final EndpointId ALPHA = EndpointId.parse("alpha/eth0");
    static final EndpointId BRAVO = EndpointId.parse("bravo/eth0");
    static final EndpointId CHARLIE = EndpointId.parse("charlie/eth0");
    static final EndpointId DELTA = EndpointId.parse("delta/eth0");
    static final EndpointId ECHO = EndpointId.parse("echo/eth0");
    static final EndpointId SW1 = EndpointId.parse("sw/p1");
    static final EndpointId SW2 = EndpointId.parse("sw/p2");
    static final EndpointId SW3 = EndpointId.parse("sw/p3");
    static final EndpointId SW4 = EndpointId.parse("sw/p4");

    static final String ALPHA_IP = "10.99.1.1";
    static final String BRAVO_IP = "10.99.1.2";
    static final String CHARLIE_IP = "10.99.1.3";
    static final String DELTA_IP = "10.99.2.1";
    static final String ECHO_IP = "10.99.2.2";

    private Lab() {
    }

    /** What {@link #build} made: the wires' ids. */
    record Wires(WireId alphaSw, WireId bravoSw, WireId charlieSw, WireId deltaEcho) {
    }

    /**
     * @param admin the admin service
     * @return the wires
     */
    static Wires build(WireAdminService admin) {
        admin.addHost(EAST, LOCAL, null);
        admin.addHost(WEST, LOCAL, null);
        guest(admin, "sw", GuestKind.SWITCH, EAST);
        guest(admin, "alpha", GuestKind.CONTAINER, EAST);
        guest(admin, "bravo", GuestKind.CONTAINER, WEST);
        guest(admin, "charlie", GuestKind.CONTAINER, WEST);
        guest(admin, "delta", GuestKind.CONTAINER, EAST);
        guest(admin, "echo", GuestKind.CONTAINER, WEST);
        for (EndpointId port : new EndpointId[] {SW1, SW2, SW3, SW4}) {
            admin.addEndpoint(port, null, null, null);
        }
        admin.addEndpoint(ALPHA, "02:99:00:00:01:01", ALPHA_IP + "/24", null);
        admin.addEndpoint(BRAVO, "02:99:00:00:01:02", BRAVO_IP + "/24", null);
        admin.addEndpoint(CHARLIE, "02:99:00:00:01:03", CHARLIE_IP + "/24", null);
        admin.addEndpoint(DELTA, "02:99:00:00:02:01", DELTA_IP + "/24", null);
        admin.addEndpoint(ECHO, "02:99:00:00:02:02", ECHO_IP + "/24", null);
        return new Wires(admin.connect(ALPHA, SW1).id(), admin.connect(BRAVO, SW2).id(),
                admin.connect(CHARLIE, SW3).id(), admin.connect(DELTA, ECHO).id());
    }

    private static void guest(WireAdminService admin, String name, GuestKind kind, HostId host) {
        admin.addGuest(GuestId.of(name), kind, host);
    }

    /**
     * Removes everything the tests made, through the API (so the driver removes the kernel objects), one
     * request right after the other as a user or a topology file would.
     *
     * @param query the query service
     * @param admin the admin service
     */
    static void clear(WireService query, WireAdminService admin) {
        clear(query, admin, false);
    }

    /**
     * @param query the query service
     * @param admin the admin service
     * @param settle whether to wait for the agents to apply the guests' removal before removing the hosts
     *        (tests about something else use it, so that their clean-up does not depend on that ordering)
     */
    static void clear(WireService query, WireAdminService admin, boolean settle) {
        for (Wire w : query.wires()) {
            admin.disconnect(w.id());
        }
        for (Guest g : query.guests()) {
            admin.removeGuest(g.id());
        }
        if (settle) {
            query.awaitApplied(java.time.Duration.ofSeconds(60));
        }
        for (Host h : query.hosts()) {
            admin.removeHost(h.id());
        }
    }
}
