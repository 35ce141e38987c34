package dev.scn.engine;

import dev.scn.engine.kernel.Simulator;

import dev.scn.engine.net.Host;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.Network;
import dev.scn.engine.os.Profile;
import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's front door: one deterministic run of a set of FreeBSD machines and the links
 * between them. The scenario interpreter builds one per variant, schedules the timeline's
 * commands with {@link #at}, runs it, and reads observations and the causal trace back.
 */
public final class Simulation {
    private final Simulator simulator;
    private final Network network;
    private final Map<String, Machine> machines = new LinkedHashMap<>();

    public Simulation(long seed) {
        this(seed, CausalTrace.withDefaults());
    }

    public Simulation(long seed, Simulator.Kernel kernel) {
        this(seed, CausalTrace.withDefaults(), kernel);
    }

    public Simulation(long seed, CausalTrace trace) {
        this(seed, trace, Simulator.Kernel.FAST);
    }

    public Simulation(long seed, CausalTrace trace, Simulator.Kernel kernel) {
        this.simulator = new Simulator(seed, trace, kernel);
        this.network = new Network(simulator);
    }

    public Simulator simulator() {
        return simulator;
    }

    public Network network() {
        return network;
    }

    public CausalTrace trace() {
        return simulator.trace();
    }

    public long now() {
        return simulator.now();
    }

    /** Adds a machine booted at time 0 with the release's defaults, TCP up and ipfw not loaded. */
    public Machine addMachine(String name, Profile profile, List<Integer> addresses, String interfaceName) {
        Host host = new Host(network, name, profile, addresses, interfaceName);
        network.addHost(host);
        Machine machine = new Machine(this, host);
        machines.put(name, machine);
        return machine;
    }

    public Machine machine(String name) {
        Machine machine = machines.get(name);
        if (machine == null) {
            throw new IllegalArgumentException("no host named " + name);
        }
        return machine;
    }

    public List<Machine> machines() {
        return new ArrayList<>(machines.values());
    }

    public Link link(String a, String b) {
        return network.connect(machine(a).host(), machine(b).host());
    }

    /** Runs {@code action} at simulated time {@code at}, as a scenario command (a root cause in the trace). */
    public void at(long at, String description, Runnable action) {
        simulator.schedule(at, () -> {
            simulator.trace().setCurrentCause(0);
            simulator.trace().recordAndFollow(dev.scn.engine.trace.TraceKind.COMMAND, null, null,
                    new dev.scn.fact.Fact.Command(description));
            action.run();
        });
    }

    /** A command given while configuring (outside any event) has no cause before it. */
    void startCommand() {
        if (!simulator.inEvent()) {
            simulator.trace().setCurrentCause(0);
        }
    }

    /** Runs the clock to {@code endTime} (inclusive) or until the event budget is spent. */
    public Simulator.RunOutcome runUntil(long endTime, long maxEvents) {
        return simulator.run(endTime, maxEvents);
    }
}
