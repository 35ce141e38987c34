package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.model.Action;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public record Live(RunResult result, Simulation simulation, Map<String, dev.scn.engine.flow.FlowKey> flows) {
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
            Map<String, dev.scn.engine.flow.FlowKey> flows = new LinkedHashMap<>();
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
     * @param capture     null for no capture; "" for every packet as it leaves its sender; or
     *                    "HOST[:IF]" for what tcpdump on that interface would see
     * @param untilMicros where the run stops when that comes before the scenario's {@code run}:
     *                    a test runs the first minutes of a five-day scenario; expectations due
     *                    later are reported "not reached (the run ends at ...)". Long.MAX_VALUE:
     *                    the scenario's own end
     */
    public record RunOptions(long maxEvents, boolean keepPackets, String capture, long sampleEveryMicros,
                             long untilMicros) {
        public RunOptions(long maxEvents, boolean keepPackets, String capture) {
            this(maxEvents, keepPackets, capture, 0);
        }

        public RunOptions(long maxEvents, boolean keepPackets, String capture, long sampleEveryMicros) {
            this(maxEvents, keepPackets, capture, sampleEveryMicros, Long.MAX_VALUE);
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
            return new RunOptions(maxEvents, keepPackets, capture, micros, untilMicros);
        }

        /** The same options, the run stopped at {@code micros} of simulated time if the scenario runs longer. */
        public RunOptions withUntil(long micros) {
            if (micros < 0) {
                throw new IllegalArgumentException("a run cannot stop before it starts: " + micros);
            }
            return new RunOptions(maxEvents, keepPackets, capture, sampleEveryMicros, micros);
        }

        /** Where a run of {@code scenario} stops: its {@code run} line, or {@link #untilMicros} if earlier. */
        public long endOf(Scenario scenario) {
            return Math.min(scenario.runMicros(), untilMicros);
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
