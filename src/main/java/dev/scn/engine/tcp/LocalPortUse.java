package dev.scn.engine.tcp;

import java.util.Arrays;

/**
 * How many pcbs of a host use each local port (what in_pcblookup_local's wildcard search asks
 * when connect(2) picks an ephemeral port). A count per port number: every connection takes and
 * gives back its port, so this is asked and moved a few times per connection.
 */
final class LocalPortUse {
    /** Made at the first port taken (256 KiB): most hosts of a test bed never open a connection. */
    private int[] uses;

    boolean inUse(int port) {
        return uses != null && uses[port] > 0;
    }

    void take(int port) {
        if (uses == null) {
            uses = new int[65536];
        }
        uses[port]++;
    }

    /** One pcb gave the port back; true when none uses it any more (or none did). */
    boolean giveBack(int port) {
        if (uses == null) {
            return true;
        }
        if (uses[port] > 0) {
            uses[port]--;
        }
        return uses[port] == 0;
    }

    void clear() {
        if (uses != null) {
            Arrays.fill(uses, 0);
        }
    }
}
