package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.REACHABLE;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Move.Phase;

class MoveRulesTest {
    private static final GuestId WEB = GuestId.of("web");
    private static final HostId H1 = HostId.of("h1");
    private static final HostId H2 = HostId.of("h2");
    private final ChangeFixture f = new ChangeFixture();
    private final MoveRules rules = new MoveRules(f.changes, REACHABLE, f.mtu);

    MoveRulesTest() {
        ChangeRules r = f.rules();
        r.addHost(H1, LOCAL, null);
        r.addHost(H2, LOCAL, null);
        r.addGuest(WEB, GuestKind.CONTAINER, H1);
        r.addEndpoint(ep("web/eth0"), null, null, null);
    }

    private String refused(String field, Runnable request) {
        VirtualWireException e = assertThrows(VirtualWireException.class, request::run);
        assertEquals(field, e.field(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void phasesInTheirOrderThenSettle() {
        assertEquals(new Move(WEB, H1, H2, Phase.PREPARE), rules.prepare(WEB, H2));
        assertEquals("guest web is not in migration phase DUAL_HOME (it is in PREPARE)",
                refused("guest", () -> rules.advance(WEB, Phase.DUAL_HOME, Phase.ACTIVE)));
        rules.advance(WEB, Phase.PREPARE, Phase.DUAL_HOME);
        assertEquals(H1, f.changes.guest(WEB).host(), "it runs at the source until active");
        rules.advance(WEB, Phase.DUAL_HOME, Phase.ACTIVE);
        assertEquals(H2, f.changes.guest(WEB).host());
        assertEquals("guest web already runs at h2: settle, do not roll back", refused("guest", () -> rules.end(WEB, true)));
        assertEquals(Phase.ACTIVE, f.changes.moves().get(WEB).phase(), "a refused rollback leaves the move as it was");
        rules.end(WEB, false);
        assertEquals(Map.of(), f.changes.moves());
        assertEquals("guest web has no migration under way", refused("guest", () -> rules.end(WEB, false)));
    }

    @Test
    void aRollbackBeforeActiveLeavesTheGuestWhereItWas() {
        rules.prepare(WEB, H2);
        rules.advance(WEB, Phase.PREPARE, Phase.DUAL_HOME);
        rules.end(WEB, true);
        assertEquals(H1, f.changes.guest(WEB).host());
        assertEquals(Map.of(), f.changes.moves());
    }

    @Test
    void oneMoveAtATimeToAnotherReachableHostThatIsNoGateway() {
        rules.prepare(WEB, H2);
        assertEquals("guest web is already migrating (from h1 to h2, prepare)", refused("guest", () -> rules.prepare(WEB, H2)));
        rules.end(WEB, true);
        assertEquals("guest web already runs on host h1", refused("host", () -> rules.prepare(WEB, H1)));
        MoveRules away = new MoveRules(f.changes, h -> Optional.of("agent failed"), f.mtu);
        assertEquals("host h2 is unreachable: agent failed", refused("host", () -> away.prepare(WEB, H2)));
        f.rules().addHost(HostId.of("gw"), LOCAL, "198.18.0.9", "198.19.0.9");
        assertEquals("host gw is its cloud's gateway: it runs no guests",
                refused("host", () -> rules.prepare(WEB, HostId.of("gw"))));
        assertEquals(Map.of(), f.changes.moves(), "refused: no move");
    }
}
