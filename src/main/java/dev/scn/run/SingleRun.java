package dev.scn.run;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.PacketTap;
import dev.scn.engine.net.SentTogether;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.PathFilter;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.observe.Capture;
import dev.scn.observe.Observations;
import dev.scn.observe.TcpdumpFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.scn.run.ScenarioRunner.Listener;
import dev.scn.run.ScenarioRunner.RunOptions;

/** The state of one run while it is built and executed. */
final class SingleRun {
    private final Scenario scenario;
    private final String variant;
    private final RunOptions options;
    final Simulation sim;
    private final Map<String, TcpSocket> sockets = new LinkedHashMap<>();
    private final Map<String, String> socketHosts = new LinkedHashMap<>();
    final Map<String, TimelineActions.Opened> connections = new LinkedHashMap<>();
    private final List<ShowOutput> shows = new ArrayList<>();
    private final BoundedSamples samples = new BoundedSamples();
    private final Listener listener;
    private final boolean streamPackets;
    private final List<RunResult.TimedPacket> packets = new ArrayList<>();
    private long packetsNotKept;
    private final PacketCounters counters = new PacketCounters();
    private final ExpectationChecker checker;
    private final TimelineActions actions;
    private final CountRecorder recorder;
    private final List<FastTraffic> fastTraffic = new ArrayList<>();
    /** Where this run stops: the scenario's end, or earlier when the options say so. */
    private final long end;

    SingleRun(Scenario scenario, String variant, RunOptions options, Listener listener, boolean streamPackets) {
        this.scenario = scenario;
        this.variant = variant;
        this.options = options;
        this.listener = listener;
        this.streamPackets = listener != null && streamPackets;
        this.sim = new Simulation(scenario.seed(), options.kernel());
        this.end = options.endOf(scenario);
        this.recorder = new CountRecorder(sim, end);
        this.checker = new ExpectationChecker(sim, new SubjectReader(sim, sockets, socketHosts, counters, recorder));
        this.actions = new TimelineActions(sim, scenario, sockets, socketHosts, connections, this::shown, samples::add);
    }

    /** Streamed to the listener; else kept for the result, at most {@value #ScenarioRunner.MAX_KEPT_SHOWS}. */
    private void shown(ShowOutput show) {
        if (listener != null) {
            listener.shown(show);
        } else if (shows.size() < ScenarioRunner.MAX_KEPT_SHOWS) {
            shows.add(show);
        }
    }

    /** Wall time of the event loop alone (bench/ compares it with ns-3's Simulator::Run()). */
    long loopNanos;
    /** CPU time of this thread in the event loop: what a loaded machine does not inflate. */
    long loopCpuNanos;

    RunResult execute() {
        if (listener != null) {
            listener.started(scenario.name(), variant, scenario.seed());
        }
        ScenarioHosts.build(sim, scenario);
        new TrafficGenerator(sim, scenario, fastWay()).install();
        applyPathRules(); // after the pools exist: a rule toward a pool covers all its clients
        recorder.attach();
        sim.network().addTap(recorder);
        sim.network().addTap(counters);
        Capture capture = null;
        if (options.capture() != null) {
            capture = options.capture().isEmpty() ? Capture.everySender()
                    : Capture.onInterface(sim.network(), options.capture());
            capture.attachTo(sim.network());
        }
        if (options.keepPackets() || streamPackets) {
            TcpdumpFormatter tcpdump = TcpdumpFormatter.startingAt(scenario.startEpochSeconds());
            sim.network().addTap(new PacketTap() {
                @Override
                public void packet(long time, Host host, Interface via,
                                   Direction direction, Packet packet) {
                    kept(tcpdump, time, host, via, direction, packet);
                }

                @Override
                public void sentTogether(long time, Host host, Interface via,
                                         SentTogether sent) {
                    if (!streamPackets && options.keepPackets() && packets.size() >= ScenarioRunner.MAX_KEPT_PACKETS) {
                        packetsNotKept += sent.size(); // past the kept ones: only counted
                        return;
                    }
                    PacketTap.super.sentTogether(time, host, via, sent);
                }
            });
        }
        for (TimelineEntry entry : scenario.timeline()) {
            schedule(entry);
        }
        if (options.sampleEveryMicros() > 0) {
            for (HostDecl host : scenario.hosts()) {
                new Repeater(options.sampleEveryMicros(), end, "sampling",
                        new Action.Sample(host.name(), host.span())).start(0);
            }
        }
        checker.install(end);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long loopStart = System.nanoTime();
        long loopCpuStart = cpu.getCurrentThreadCpuTime();
        RunResult.Outcome outcome = runWithinBounds();
        loopCpuNanos = cpu.getCurrentThreadCpuTime() - loopCpuStart;
        loopNanos = System.nanoTime() - loopStart;
        checker.finish(sim.now());
        return result(outcome, capture);
    }

    /** The tcpdump tap: a report keeps the first packets, a --trace stream gets every one. */
    private void kept(TcpdumpFormatter tcpdump, long time, Host host,
                      Interface via, Direction direction, Packet packet) {
        if (direction != Direction.OUT) {
            return;
        }
        // A report keeps the first packets only: five days of a busy server send ~600
        // million, which neither the heap nor a trace file could hold. The rest are counted
        // (and not even formatted); a --trace stream still gets every one.
        boolean keep = options.keepPackets() && packets.size() < ScenarioRunner.MAX_KEPT_PACKETS;
        if (options.keepPackets() && !keep) {
            packetsNotKept++;
        }
        if (!keep && !streamPackets) {
            return;
        }
        TcpdumpFormatter.Described d = tcpdump.describe(time, packet);
        RunResult.TimedPacket timed = new RunResult.TimedPacket(time, host.name(), via.name(),
                packet.segment(), d.line(), d.label());
        if (keep) {
            packets.add(timed);
        }
        if (streamPackets) {
            listener.packet(timed);
        }
    }

    /**
     * Runs to the end time in slices of {@value #ScenarioRunner.SLICE_EVENTS} events, so that besides the
     * event budget a nearly full heap stops the run cleanly (exit 2 in the CLI) instead of an
     * OutOfMemoryError. Slicing does not change what runs: the loop resumes where it stopped.
     */
    private RunResult.Outcome runWithinBounds() {
        long remaining = options.maxEvents();
        while (true) {
            long before = sim.simulator().eventsProcessed();
            Simulator.RunOutcome o = sim.runUntil(end, Math.min(remaining, ScenarioRunner.SLICE_EVENTS));
            remaining -= sim.simulator().eventsProcessed() - before;
            switch (o) {
                case COMPLETED -> {
                    return RunResult.Outcome.COMPLETED;
                }
                case STOPPED -> {
                    return RunResult.Outcome.STOPPED;
                }
                case EVENT_BUDGET_EXHAUSTED -> {
                    if (remaining <= 0) {
                        return RunResult.Outcome.EVENT_BUDGET_EXHAUSTED;
                    }
                    if (HeapBound.nearlyFull()) {
                        return RunResult.Outcome.MEMORY_BOUND;
                    }
                }
            }
        }
    }

    /**
     * The fast way for traffic blocks, when asked for and possible: not while packets are captured
     * or streamed, nor when the timeline does more than look (QuietTimes).
     */
    private java.util.function.BiFunction<dev.scn.model.TrafficDecl, Machine, FastTraffic> fastWay() {
        QuietTimes quiet = options.fastWay() && options.capture() == null && !streamPackets
                ? QuietTimes.of(scenario, end, options.sampleEveryMicros()) : null;
        if (quiet == null) {
            return null;
        }
        ReplayBacklog backlog = new ReplayBacklog();
        sim.simulator().setBacklog(backlog);
        return (traffic, clients) -> {
            FastTraffic fast = new FastTraffic(sim, scenario, traffic, clients,
                    sim.network().link(clients.host(), sim.machine(traffic.target()).host()), quiet,
                    () -> !options.keepPackets() || packets.size() >= ScenarioRunner.MAX_KEPT_PACKETS, backlog);
            fastTraffic.add(fast);
            return fast;
        };
    }

    private void applyPathRules() {
        for (PathRule rule : scenario.pathRules()) {
            Link link = sim.network().link(sim.machine(rule.from()).host(), sim.machine(rule.to()).host());
            Link.Way way = link.from(sim.machine(rule.from()).host());
            if (rule instanceof PathRule.Drop drop) {
                way.addFilter(new PathFilter(drop.tcpFlags(), drop.count()));
            } else {
                way.setBlackhole(true);
            }
        }
    }

    private void schedule(TimelineEntry entry) {
        String description = "line " + entry.span().line();
        if (entry.action() instanceof Action.Expect expect) {
            long at = entry.timing() instanceof Timing.At a ? a.micros() : 0;
            checker.add(expect.expectation(), at);
            return;
        }
        if (entry.timing() instanceof Timing.At at) {
            if (at.micros() <= end) {
                sim.at(at.micros(), description, () -> perform(entry.action()));
            }
        } else if (entry.timing() instanceof Timing.Every every) {
            long until = every.untilMicros() < 0 ? end : Math.min(every.untilMicros(),
                    end);
            new Repeater(every.periodMicros(), until, description, entry.action()).start(every.fromMicros());
        }
    }

    /** {@code every T}: one reusable event, rescheduled until its end. */
    private final class Repeater extends Event {
        private final long period;
        private final long until;
        private final String description;
        private final Action action;

        Repeater(long period, long until, String description, Action action) {
            this.period = period;
            this.until = until;
            this.description = description;
            this.action = action;
        }

        void start(long from) {
            if (from <= until) {
                sim.simulator().schedule(this, from);
            }
        }

        @Override
        protected void fire() {
            sim.trace().setCurrentCause(0);
            sim.trace().recordAndFollow(dev.scn.engine.trace.TraceKind.COMMAND, null, null,
                    new dev.scn.fact.Fact.Command(description));
            perform(action);
            long next = time() + period;
            if (next <= until) {
                sim.simulator().schedule(this, next);
            }
        }
    }

    private void perform(Action action) {
        actions.perform(action);
        recorder.attach(); // a command may have loaded ipfw
    }

    private RunResult result(RunResult.Outcome mapped, Capture capture) {
        Map<String, Map<String, Integer>> tcpStates = new TreeMap<>();
        Map<String, Integer> dynamic = new TreeMap<>();
        Map<String, Integer> dynCount = new TreeMap<>();
        for (Machine machine : sim.machines()) {
            tcpStates.put(machine.name(), Observations.tcpStateCounts(machine));
            machine.ipfw().ifPresent(ipfw -> {
                dynamic.put(machine.name(), ipfw.liveCount());
                dynCount.put(machine.name(), ipfw.dynCount());
            });
        }
        Map<String, Long> connectFailures = new TreeMap<>();
        for (Machine machine : sim.machines()) {
            long failed = machine.tcp().connectsFailedNoPort();
            if (failed > 0) {
                connectFailures.put(machine.name(), failed);
            }
        }
        RunFacts facts = RunFacts.of(sim.trace());
        Map<String, RunResult.Connection> named = new LinkedHashMap<>();
        connections.values().forEach(o -> named.put(o.name(),
                EndOfRun.connection(sim, facts, o.name(), o.host(), o.target(), o.flow())));
        return new RunResult(scenario.name(), variant, scenario.seed(), mapped, sim.now(),
                sim.simulator().eventsProcessed(), checker.results(), List.copyOf(shows), samples.kept(),
                tcpStates, dynamic, dynCount, counters.byOrigin(), counters.byKind(), counters.perHost(),
                List.copyOf(packets), java.util.Collections.unmodifiableMap(named), sim.trace().digest(), capture,
                facts, EndOfRun.hosts(sim, scenario), recorder.finish(),
                java.util.Collections.unmodifiableMap(connectFailures), samples.thinned(), packetsNotKept,
                fastTraffic.stream().mapToLong(FastTraffic::replayed).sum());
    }
}
