package org.virtualwire.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private static final long BASE = 1_700_000_000_000L << 20;

    @Test
    void eachNumberIsAcceptedOnce() {
        ReplayWindow w = new ReplayWindow(0);
        assertTrue(w.accept(BASE));
        assertFalse(w.accept(BASE), "the same number twice");
        assertTrue(w.accept(BASE + 1));
        assertFalse(w.mayAccept(BASE + 1));
    }

    @Test
    void lateNumbersInsideTheWindowAreAcceptedOnceOlderOnesNever() {
        ReplayWindow w = new ReplayWindow(0);
        assertTrue(w.accept(BASE + 5000));
        assertTrue(w.accept(BASE + 5000 - 1), "one behind");
        assertTrue(w.accept(BASE + 5000 - ReplayWindow.SIZE + 1), "at the window's far edge");
        assertFalse(w.accept(BASE + 5000 - ReplayWindow.SIZE + 1), "edge replayed");
        assertFalse(w.accept(BASE + 5000 - ReplayWindow.SIZE), "just outside the window");
        assertFalse(w.accept(BASE), "far behind");
    }

    @Test
    void slidingForwardForgetsOldBitsButNotTheirAge() {
        ReplayWindow w = new ReplayWindow(0);
        for (long s = 0; s < 3000; s += 2) {
            assertTrue(w.accept(BASE + s), "even " + s);
        }
        // the odd ones inside the window are still new, once
        assertTrue(w.accept(BASE + 2997));
        assertFalse(w.accept(BASE + 2997));
        assertFalse(w.accept(BASE + 2998), "seen");
        assertFalse(w.accept(BASE + 1001), "outside the window by now");
        // a jump further than the window clears everything behind it
        assertTrue(w.accept(BASE + 1_000_000));
        assertTrue(w.accept(BASE + 1_000_000 - 64));
        assertFalse(w.accept(BASE + 2999), "far behind the jump");
    }

    @Test
    void numbersBelowTheFloorAreReplays() {
        ReplayWindow w = new ReplayWindow(BASE);
        assertFalse(w.accept(BASE - 1), "an earlier run's number");
        assertTrue(w.accept(BASE));
    }
}
