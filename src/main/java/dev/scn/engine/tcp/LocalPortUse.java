package dev.scn.engine.tcp;

import java.util.Arrays;

/**
 * How many pcbs of a host use each local port (what in_pcblookup_local's wildcard search asks
 * when connect(2) picks an ephemeral port). A count per port number: every connection takes and
 * gives back its port, so this is asked and moved a few times per connection.
 */
final class LocalPortUse {
    private final int[] uses = new int[65536];

    boolean inUse(int port) {
        return uses[port] > 0;
    }

    void take(int port) {
        uses[port]++;
    }

    /** One pcb gave the port back; true when none uses it any more (or none did). */
    boolean giveBack(int port) {
        if (uses[port] > 0) {
            uses[port]--;
        }
        return uses[port] == 0;
    }

    void clear() {
        Arrays.fill(uses, 0);
    }
}
