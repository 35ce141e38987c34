package dev.scn.run;

import dev.scn.engine.Event;
import dev.scn.engine.Machine;
import dev.scn.engine.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.Simulator;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Ipv4;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.PathFilter;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.model.Variant;
import dev.scn.observe.Capture;
import dev.scn.observe.Observations;
import dev.scn.observe.TcpdumpFormatter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interpreter: builds a {@link Simulation} from a validated scenario (one variant at a
 * time), schedules its timeline, runs it within its bounds and collects the results. Each run
 * is independent: a new simulation from the same seed.
 */
public final class ScenarioRunner {
    /** Default event budget of a run (scn run --max-events). */
    public static final long DEFAULT_MAX_EVENTS = 200_000_000L;
    public static final String BASE = "base";

    private final Scenario scenario;
    private final RunOptions options;
    private volatile Simulation running;
    private volatile boolean stopRequested;
    private Listener listener;
    private boolean streamPackets;

    public ScenarioRunner(Scenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.options = options;
    }

    /**
     * Receives what a run prints as it happens: {@code scn run} streams {@code show} output (and
     * with --trace every packet) instead of holding it until the run ends. With a listener the
     * result's {@link RunResult#shows()} stays empty.
     */
    public interface Listener {
        /** A run (base or variant) starts. */
        void started(String scenario, String variant, long seed);

        /** A {@code show} line (or an admin command) printed this, at its instant. */
        void shown(ShowOutput show);

        /** A packet left its sender (only when asked for with {@link #streamTo}). */
        void packet(RunResult.TimedPacket packet);
    }

    /** Streams each run's show output (and, when {@code packets}, its packets) to the listener. */
    public void streamTo(Listener listener, boolean packets) {
        this.listener = listener;
        this.streamPackets = packets;
    }

    /** "base" followed by the variants' names, in file order. */
    public List<String> variantNames() {
        List<String> names = new ArrayList<>();
        names.add(BASE);
        for (Variant v : scenario.variants()) {
            names.add(v.name());
        }
        return names;
    }

    /** Runs the base scenario or the named variant. */
    public RunResult run(String variantName) {
        return runLive(variantName).result();
    }

    /**
     * A finished run and the simulation it ran in: for {@code explain} and engine-level tests,
     * which ask the engine questions the result does not answer. Reports take only the result.
     */
    public record Live(RunResult result, Simulation simulation, Map<String, dev.scn.engine.net.FlowKey> flows) {
    }

    /** Runs the base scenario or the named variant and keeps its simulation. */
    public Live runLive(String variantName) {
        Scenario effective = scenario;
        if (!BASE.equals(variantName)) {
            Variant variant = scenario.variants().stream().filter(v -> v.name().equals(variantName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no variant named '" + variantName + "'"));
            effective = VariantMerger.apply(scenario, variant);
        }
        SingleRun run = new SingleRun(effective, variantName, options, listener, streamPackets);
        running = run.sim;
        if (stopRequested) {
            run.sim.simulator().requestStop();
        }
        try {
            RunResult result = run.execute();
            Map<String, dev.scn.engine.net.FlowKey> flows = new LinkedHashMap<>();
            run.connections.forEach((name, opened) -> flows.put(name, opened.flow()));
            return new Live(result, run.sim, java.util.Collections.unmodifiableMap(flows));
        } finally {
            running = null;
        }
    }

    /** Runs the named runs ("base" and/or variants) in order. */
    public List<RunResult> runAll(List<String> names) {
        List<RunResult> out = new ArrayList<>();
        for (String name : names) {
            out.add(run(name));
        }
        return out;
    }

    /** Stops the run in progress after its current event, and any later one at once (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
        Simulation sim = running;
        if (sim != null) {
            sim.simulator().requestStop();
        }
    }

    /**
     * Options of a run.
     *
     * @param capture null for no capture; "" for every packet as it leaves its sender; or
     *                "HOST[:IF]" for what tcpdump on that interface would see
     */
    public record RunOptions(long maxEvents, boolean keepPackets, String capture, long sampleEveryMicros) {
        public RunOptions(long maxEvents, boolean keepPackets, String capture) {
            this(maxEvents, keepPackets, capture, 0);
        }

        public static RunOptions defaults() {
            return new RunOptions(DEFAULT_MAX_EVENTS, false, null);
        }

        /**
         * The options of the runs behind a report: packets kept (the trace and the sequence
         * diagram label them); every host sampled every run/{@value #REPORT_SAMPLES} when the
         * scenario has no {@code sample} line of its own, so the snapshots can show the peak.
         */
        public static RunOptions forReport(Scenario scenario, long maxEvents) {
            RunOptions options = new RunOptions(maxEvents, true, null);
            java.util.function.Predicate<TimelineEntry> isSample = e -> e.action() instanceof Action.Sample;
            boolean samples = scenario.timeline().stream().anyMatch(isSample)
                    || scenario.variants().stream().anyMatch(v -> v.timeline().stream().anyMatch(isSample));
            return samples ? options : options.withSampling(Math.max(1, scenario.runMicros() / REPORT_SAMPLES));
        }

        /** Samples per run when a report samples the hosts itself. */
        static final int REPORT_SAMPLES = 240;

        /**
         * The same options, and every host sampled every {@code micros} from 0 (reports chart a
         * scenario that has no {@code sample} lines); 0 for none.
         */
        public RunOptions withSampling(long micros) {
            return new RunOptions(maxEvents, keepPackets, capture, micros);
        }
    }

    /** The state of one run while it is built and executed. */
    private static final class SingleRun {
        private final Scenario scenario;
        private final String variant;
        private final RunOptions options;
        private final Simulation sim;
        private final Map<String, TcpSocket> sockets = new LinkedHashMap<>();
        private final Map<String, String> socketHosts = new LinkedHashMap<>();
        private final Map<String, TimelineActions.Opened> connections = new LinkedHashMap<>();
        private final List<ShowOutput> shows = new ArrayList<>();
        private final BoundedSamples samples = new BoundedSamples();
        private final Listener listener;
        private final boolean streamPackets;
        private final List<RunResult.TimedPacket> packets = new ArrayList<>();
        private final PacketCounters counters = new PacketCounters();
        private final ExpectationChecker checker;
        private final TimelineActions actions;
        private final CountRecorder recorder;

        SingleRun(Scenario scenario, String variant, RunOptions options, Listener listener, boolean streamPackets) {
            this.scenario = scenario;
            this.variant = variant;
            this.options = options;
            this.listener = listener;
            this.streamPackets = listener != null && streamPackets;
            this.sim = new Simulation(scenario.seed());
            this.recorder = new CountRecorder(sim, scenario.runMicros());
            this.checker = new ExpectationChecker(sim, new SubjectReader(sim, sockets, socketHosts, counters));
            this.actions = new TimelineActions(sim, scenario, sockets, socketHosts, connections, this::shown, samples::add);
        }

        /** Streamed to the listener; else kept for the result, at most {@value #MAX_KEPT_SHOWS}. */
        private void shown(ShowOutput show) {
            if (listener != null) {
                listener.shown(show);
            } else if (shows.size() < MAX_KEPT_SHOWS) {
                shows.add(show);
            }
        }

        RunResult execute() {
            if (listener != null) {
                listener.started(scenario.name(), variant, scenario.seed());
            }
            buildHosts();
            buildLinks();
            new TrafficGenerator(sim, scenario).install();
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
                TcpdumpFormatter tcpdump = new TcpdumpFormatter();
                sim.network().addTap((time, host, via, direction, packet) -> {
                    if (direction == Direction.OUT) {
                        TcpdumpFormatter.Described d = tcpdump.describe(time, packet);
                        RunResult.TimedPacket timed = new RunResult.TimedPacket(time, host.name(), via.name(),
                                packet.segment(), d.line(), d.label());
                        if (options.keepPackets()) {
                            packets.add(timed);
                        }
                        if (streamPackets) {
                            listener.packet(timed);
                        }
                    }
                });
            }
            for (TimelineEntry entry : scenario.timeline()) {
                schedule(entry);
            }
            if (options.sampleEveryMicros() > 0) {
                for (HostDecl host : scenario.hosts()) {
                    new Repeater(options.sampleEveryMicros(), scenario.runMicros(), "sampling",
                            new Action.Sample(host.name(), host.span())).start(0);
                }
            }
            checker.install(scenario.runMicros());
            RunResult.Outcome outcome = runWithinBounds();
            checker.finish(sim.now());
            return result(outcome, capture);
        }

        /**
         * Runs to the end time in slices of {@value #SLICE_EVENTS} events, so that besides the
         * event budget a nearly full heap stops the run cleanly (exit 2 in the CLI) instead of an
         * OutOfMemoryError. Slicing does not change what runs: the loop resumes where it stopped.
         */
        private RunResult.Outcome runWithinBounds() {
            long remaining = options.maxEvents();
            while (true) {
                long before = sim.simulator().eventsProcessed();
                Simulator.RunOutcome o = sim.runUntil(scenario.runMicros(), Math.min(remaining, SLICE_EVENTS));
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

        private void buildHosts() {
            for (HostDecl decl : scenario.hosts()) {
                List<Integer> addresses = decl.addresses().stream().map(a -> Ipv4.parse(a.dotted())).toList();
                Machine machine = sim.addMachine(decl.name(), Profiles.resolve(decl.osVersion()).profile(), addresses,
                        decl.interfaceName() == null ? "em0" : decl.interfaceName());
                for (HostDecl.SysctlLine line : decl.sysctls()) {
                    machine.sysctl(line.name(), line.value());
                }
                for (HostDecl.IpfwLine line : decl.ipfw()) {
                    machine.ipfw(line.text());
                }
                machine.setStrayPolicy(decl.stray() == HostDecl.Stray.DROP
                        ? TcpStack.StrayPolicy.DROP : TcpStack.StrayPolicy.RST);
                for (HostDecl.Listen listen : decl.listens()) {
                    machine.listen(listen.port(), factory(listen.app()));
                }
            }
        }

        private static TcpApplication.Factory factory(HostDecl.App app) {
            if (app instanceof HostDecl.HttpApp http) {
                HttpServer.Ending ending = switch (http.ending()) {
                    case CLOSE -> HttpServer.Ending.CLOSE;
                    case SHUTDOWN -> HttpServer.Ending.SHUTDOWN;
                    case LINGER -> HttpServer.Ending.LINGER;
                    case WAIT_FOR_CLIENT -> HttpServer.Ending.WAIT_FOR_CLIENT;
                };
                return new HttpServer(http.requestBytes(), http.responseBytes(), ending, http.lingerMicros());
            }
            return socket -> new TcpApplication() { };
        }

        private void buildLinks() {
            java.util.Set<String> pools = new java.util.HashSet<>();
            scenario.traffic().forEach(t -> pools.add(t.name()));
            for (LinkDecl decl : scenario.links()) {
                if (pools.contains(decl.a()) || pools.contains(decl.b())) {
                    continue; // a traffic pool's link is made with the pool (TrafficGenerator)
                }
                Link link = sim.link(decl.a(), decl.b());
                link.setDelay(decl.delayMicros());
                link.setJitter(decl.jitterMicros());
                link.setLossPercent(decl.lossPercent());
            }
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
                if (at.micros() <= scenario.runMicros()) {
                    sim.at(at.micros(), description, () -> perform(entry.action()));
                }
            } else if (entry.timing() instanceof Timing.Every every) {
                long until = every.untilMicros() < 0 ? scenario.runMicros() : Math.min(every.untilMicros(),
                        scenario.runMicros());
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
                    java.util.Collections.unmodifiableMap(connectFailures), samples.thinned());
        }
    }

    /** Samples a run keeps per host at most (the rest are thinned evenly; the peak is kept). */
    public static final int MAX_SAMPLES_PER_HOST = BoundedSamples.MAX_PER_HOST;

    /** Events run between two checks of the heap. */
    static final long SLICE_EVENTS = 1_000_000L;

    /** Show outputs a run keeps for its result when nobody streams them (a report of every 1ms show). */
    static final int MAX_KEPT_SHOWS = 2_000;

    /** Converts a duration for messages. */
    static String human(long micros) {
        return SimTime.human(micros);
    }
}
