package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.flow.Ipv4;

/**
 * A peer as a scenario line names it: a host's name, or an IPv4 address that a host may own (or
 * none: a spoofed or absent machine). Names start with a letter, addresses with a digit (lexer:
 * ID vs IPV4), so the first character tells them apart.
 */
final class Peers {
    private Peers() {
    }

    static boolean isAddress(String nameOrAddress) {
        return !nameOrAddress.isEmpty() && Character.isDigit(nameOrAddress.charAt(0));
    }

    /** The machine named so, or owning that address; null for an address no host owns. */
    static Machine machine(Simulation sim, String nameOrAddress) {
        if (!isAddress(nameOrAddress)) {
            return sim.machine(nameOrAddress);
        }
        int address = Ipv4.parse(nameOrAddress);
        for (Machine machine : sim.machines()) {
            if (machine.host().owns(address)) {
                return machine;
            }
        }
        return null;
    }

    /** The address a line means: a named host's primary address, or the address written. */
    static int address(Simulation sim, String nameOrAddress) {
        return isAddress(nameOrAddress) ? Ipv4.parse(nameOrAddress) : sim.machine(nameOrAddress).host().primaryAddress();
    }
}
