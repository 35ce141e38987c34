package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 9 item 11: an unknown --host is bad input (exit 2) with the hosts listed, not an internal error. */
class ExplainHostTest {

    @Test
    @DisplayName("scn explain --host nosuchhost: exit 2, \"scn: no host named 'nosuchhost'; hosts: server, client\"")
    void unknownHostIsBadInput() {
        CliTest.Outcome o = CliTest.scn("explain", CliTest.SEED, "--conn", "c1", "--host", "nosuchhost");
        assertEquals(2, o.code(), o.err());
        assertEquals("scn: no host named 'nosuchhost'; hosts: server, client\n", o.err());
        assertFalse(o.out().contains("c1 on"), o.out());
    }
}
