package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.kernel.Simulator;
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
    /** Above the 716 million events of each run of scenarios/five-days-production.scn. */
    public static final long DEFAULT_MAX_EVENTS = 1_000_000_000L;
    public static final String BASE = "base";

    private final Scenario scenario;
    private final RunOptions options;
    /** The simulations running now (several when runs execute side by side), for Ctrl-C. */
    private final java.util.Set<Simulation> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    private Listener listener;
    private boolean streamPackets;
    private ProgressWatcher progress;
    private volatile long lastLoopNanos;
    private volatile long lastLoopCpuNanos;

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

        /** The run ended (by {@link #runAll}); the next run's {@link #started} follows. */
        default void finished(RunResult result) {
        }
    }

    /** Streams each run's show output (and, when {@code packets}, its packets) to the listener. */
    public void streamTo(Listener listener, boolean packets) {
        this.listener = listener;
        this.streamPackets = packets;
    }

    /**
     * Watches how far each run has come (a progress line on a terminal). It reads the clock and
     * the event count; it never changes what runs, so output and determinism stay as they are.
     */
    public interface ProgressWatcher {
        /** A run of {@code runMicros} starts; returns what its simulator tells as it goes (null: nothing). */
        dev.scn.engine.kernel.ProgressListener started(String variant, long runMicros);

        /** The run ended (completed, stopped or bounded), before anything about it is printed. */
        void ended();
    }

    /** Watches the progress of the runs that follow; null for none. */
    public void watchProgress(ProgressWatcher watcher) {
        this.progress = watcher;
    }

    /**
     * Wall nanoseconds of the last finished run's event loop alone: without parsing, building
     * the hosts and collecting the result (scn bench prints it).
     */
    public long lastLoopNanos() {
        return lastLoopNanos;
    }

    /** CPU nanoseconds the running thread spent in the last run's event loop (-1: not measurable). */
    public long lastLoopCpuNanos() {
        return lastLoopCpuNanos;
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
        return runLive(variantName, listener, progress);
    }

    private Live runLive(String variantName, Listener listener, ProgressWatcher watcher) {
        Scenario effective = scenario;
        if (!BASE.equals(variantName)) {
            Variant variant = scenario.variants().stream().filter(v -> v.name().equals(variantName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no variant named '" + variantName + "'"));
            effective = VariantMerger.apply(scenario, variant);
        }
        SingleRun run = new SingleRun(effective, variantName, options, listener, streamPackets);
        running.add(run.sim);
        if (stopRequested) {
            run.sim.simulator().requestStop();
        }
        if (watcher != null) {
            run.sim.simulator().setProgressListener(watcher.started(variantName, effective.runMicros()));
        }
        try {
            RunResult result = run.execute();
            lastLoopNanos = run.loopNanos;
            lastLoopCpuNanos = run.loopCpuNanos;
            Map<String, dev.scn.engine.flow.FlowKey> flows = new LinkedHashMap<>();
            run.connections.forEach((name, opened) -> flows.put(name, opened.flow()));
            return new Live(result, run.sim, java.util.Collections.unmodifiableMap(flows));
        } finally {
            running.remove(run.sim);
            if (watcher != null) {
                watcher.ended();
            }
        }
    }

    /**
     * Runs the named runs ("base" and/or variants) and returns their results in that order.
     * Runs are independent simulations, so they execute side by side on the machine's cores;
     * a listener still hears them one after the other, as if they had run in order
     * ({@link OrderedRelay}). With packets streamed they run one at a time: a later run's
     * packets would otherwise be held in memory until the earlier ones finish.
     */
    public List<RunResult> runAll(List<String> names) {
        int threads = streamPackets ? 1 : Math.min(names.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<RunResult> out = new ArrayList<>();
            for (String name : names) {
                RunResult result = runLive(name, listener, progress).result();
                if (listener != null) {
                    listener.finished(result);
                }
                out.add(result);
            }
            return out;
        }
        OrderedRelay relay = listener == null ? null : new OrderedRelay(listener, names.size());
        HeadProgress head = progress == null ? null : new HeadProgress(progress, names.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads,
                task -> {
                    // The engine's call chains are shallow, but a run's thread gets the main thread's room.
                    Thread thread = new Thread(null, task, "scn-run", 64L << 20);
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Listener heard = relay == null ? null : relay.forRun(i);
                ProgressWatcher watched = head == null ? null : head.forRun(i);
                futures.add(pool.submit(() -> {
                    RunResult result = runLive(name, heard, watched).result();
                    if (heard != null) {
                        heard.finished(result);
                    }
                    return result;
                }));
            }
            List<RunResult> out = new ArrayList<>();
            for (java.util.concurrent.Future<RunResult> future : futures) {
                out.add(join(future));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RunResult join(java.util.concurrent.Future<RunResult> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // Ctrl-C arrives as requestStop, which ends the runs: wait for their results.
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the run in progress after its current event, and any later one at once (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
        for (Simulation sim : running) {
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
                             long untilMicros, Simulator.Kernel kernel, boolean fastWay) {
        public RunOptions(long maxEvents, boolean keepPackets, String capture, long sampleEveryMicros,
                          long untilMicros, Simulator.Kernel kernel) {
            this(maxEvents, keepPackets, capture, sampleEveryMicros, untilMicros, kernel, false);
        }

        public RunOptions(long maxEvents, boolean keepPackets, String capture) {
            this(maxEvents, keepPackets, capture, 0);
        }

        public RunOptions(long maxEvents, boolean keepPackets, String capture, long sampleEveryMicros) {
            this(maxEvents, keepPackets, capture, sampleEveryMicros, Long.MAX_VALUE, Simulator.Kernel.FAST);
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
            return new RunOptions(maxEvents, keepPackets, capture, micros, untilMicros, kernel, fastWay);
        }

        /** The same options, the run stopped at {@code micros} of simulated time if the scenario runs longer. */
        public RunOptions withUntil(long micros) {
            if (micros < 0) {
                throw new IllegalArgumentException("a run cannot stop before it starts: " + micros);
            }
            return new RunOptions(maxEvents, keepPackets, capture, sampleEveryMicros, micros, kernel, fastWay);
        }

        /** Where a run of {@code scenario} stops: its {@code run} line, or {@link #untilMicros} if earlier. */
        public long endOf(Scenario scenario) {
            return Math.min(scenario.runMicros(), untilMicros);
        }

        /** The same options on another event kernel (tests compare the reference and the fast one). */
        public RunOptions withKernel(Simulator.Kernel other) {
            return new RunOptions(maxEvents, keepPackets, capture, sampleEveryMicros, untilMicros, other, fastWay);
        }

        /**
         * The same options with the fast way on or off: normal traffic connections that nothing
         * looks at while under way are replayed from a recorded shape (see FastTraffic).
         */
        public RunOptions withFastWay(boolean on) {
            return new RunOptions(maxEvents, keepPackets, capture, sampleEveryMicros, untilMicros, kernel, on);
        }
    }

    /** Samples a run keeps per host at most (the rest are thinned evenly; the peak is kept). */
    public static final int MAX_SAMPLES_PER_HOST = BoundedSamples.MAX_PER_HOST;

    /** Events run between two checks of the heap. */
    static final long SLICE_EVENTS = 1_000_000L;

    /**
     * Packets a run keeps for a report's trace, the first ones (the longest library scenario
     * sends about 174,000); later ones are only counted ({@link RunResult#packetsNotKept()}).
     */
    public static final int MAX_KEPT_PACKETS = 250_000;

    /** Show outputs a run keeps for its result when nobody streams them (a report of every 1ms show). */
    static final int MAX_KEPT_SHOWS = 2_000;

    /** Converts a duration for messages. */
    static String human(long micros) {
        return SimTime.human(micros);
    }
}
