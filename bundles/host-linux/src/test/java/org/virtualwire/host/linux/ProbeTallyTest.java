package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;

class ProbeTallyTest {
    private static final EndpointId FROM = EndpointId.parse("web1/eth0");

    @Test
    void countsGapsLossesDuplicatesAndReordering() {
        ProbeTally tally = new ProbeTally(1.0);
        tally.answer(0, 1000.0);
        tally.answer(1, 1001.0);
        tally.answer(4, 1031.0); // 30 ms without an answer
        tally.answer(3, 1032.0); // after a later one
        tally.answer(3, 1033.0); // twice
        tally.answer(5, 1034.0);
        ProbeResult r = tally.result(FROM, "10.99.0.2", 8, 7);
        assertEquals(8, r.sent());
        assertEquals(5, r.received());
        assertEquals(3, r.lost());
        assertEquals(1, r.duplicates());
        assertEquals(1, r.reordered());
        assertEquals(30.0, r.longestGapMillis(), 0.01);
    }

    @Test
    void answersMissingAtTheEndAreAGapUpToTheLastProbe() {
        ProbeTally tally = new ProbeTally(1.0);
        tally.answer(2, 500.0);
        tally.answer(3, 501.0);
        ProbeResult r = tally.result(FROM, "10.99.0.2", 100, 99); // slots 4..99 never answered
        assertEquals(98, r.lost());
        assertEquals(96.0, r.longestGapMillis(), 0.01);
    }

    @Test
    void nothingAnsweredIsOneGapAsLongAsTheProbe() {
        ProbeResult r = new ProbeTally(1.0).result(FROM, "10.99.0.2", 100, 99);
        assertEquals(100, r.lost());
        assertEquals(100.0, r.longestGapMillis(), 0.01);
    }
}
