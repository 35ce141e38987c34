package dev.scn.drill;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.net.Direction;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Packet;
import dev.scn.engine.os.Profile;
import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The simulated FreeBSD machine a packetdrill script talks to, and the wire between them.
 *
 * <p>As packetdrill does on a real kernel, the script plays the remote peer: its {@code <}
 * segments arrive on the host's interface, and everything the host sends toward the peer is
 * captured, in order, for the script's {@code >} lines to consume. Addresses are packetdrill's
 * IPv4 defaults: the host is 192.168.0.1, the peer 192.0.2.1.
 */
final class DrillHost {
    static final int LOCAL_ADDRESS = Ipv4.parse("192.168.0.1");
    static final int REMOTE_ADDRESS = Ipv4.parse("192.0.2.1");
    /** packetdrill's --bind_port and --connect_port default. */
    static final int SCRIPT_PORT = 8080;
    /** Every run uses the same seed: a script's result never depends on anything else. */
    private static final long SEED = 1;
    /** Scripts last seconds; a run that spends this many events between two lines is stuck. */
    private static final long EVENTS_PER_STEP = 1_000_000;

    private final Simulation simulation;
    private final Machine machine;
    private final ArrayDeque<Captured> outbound = new ArrayDeque<>();

    DrillHost(Profile profile) {
        simulation = new Simulation(SEED, new CausalTrace(0, 10_000));
        machine = simulation.addMachine("freebsd", profile, List.of(LOCAL_ADDRESS), "em0");
        simulation.network().addTap((time, host, via, direction, packet) -> {
            if (host == machine.host() && direction == Direction.OUT && via == host.externalInterface()) {
                outbound.add(new Captured(time, packet));
            }
        });
    }

    Machine machine() {
        return machine;
    }

    long now() {
        return simulation.now();
    }

    /** Runs the host's own events (timers, its answers) up to and including {@code time}. */
    void advanceTo(long time) {
        if (time > simulation.now()) {
            simulation.runUntil(time, EVENTS_PER_STEP);
        }
    }

    /** A script's {@code <} segment reaches the interface at {@code time}. */
    void inject(long time, Packet packet) {
        advanceTo(time);
        simulation.simulator().schedule(simulation.now(), () -> machine.receiveFromWire(packet));
        simulation.runUntil(simulation.now(), EVENTS_PER_STEP);
    }

    /** Runs a call into the host at the current instant, inside an event like every kernel entry. */
    void call(Runnable action) {
        simulation.simulator().schedule(simulation.now(), action);
        simulation.runUntil(simulation.now(), EVENTS_PER_STEP);
    }

    /**
     * The next segment the host sent, waiting in simulated time until {@code deadline} for one;
     * null when none left by then.
     */
    Captured nextOutbound(long deadline) {
        while (outbound.isEmpty()) {
            long before = simulation.simulator().eventsProcessed();
            simulation.runUntil(Math.max(deadline, simulation.now()), 1);
            if (simulation.simulator().eventsProcessed() == before) {
                break;
            }
        }
        return outbound.poll();
    }

    /** A segment the host put on the wire, with the instant it left. */
    record Captured(long time, Packet packet) {
    }
}
