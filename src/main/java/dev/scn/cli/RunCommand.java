package dev.scn.cli;

import dev.scn.engine.kernel.SimTime;
import dev.scn.observe.TcpdumpFormatter;
import dev.scn.run.ExpectationResult;
import dev.scn.run.JunitXml;
import dev.scn.run.ResultJson;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import dev.scn.run.ShowOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scn run FILE}: runs the scenario and every variant (or one), prints what it shows and what held. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (base and every variant, or one) and check its expectations.",
        footer = {"", "Examples:", "  scn run scenarios/finwait2-ipfw-keepalive.scn",
                "  scn run scenarios/finwait2-ipfw-keepalive.scn --variant \"fix: sysctl net.inet.ip.fw.dyn_keepalive=0\"",
                "  scn run scenarios/finwait2-ipfw-keepalive.scn --trace --json result.json",
                "  scn run scenarios/finwait2-ipfw-keepalive.scn --trace-file trace.txt",
                "  scn run scenarios/finwait2-ipfw-keepalive.scn --junit junit.xml", ExitCodes.HELP})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--variant", paramLabel = "NAME", description = "Run only this variant ('base' for the scenario itself).")
    String variant;

    @Option(names = "--trace", description = "Print every packet, tcpdump-style, as it leaves its sender.")
    boolean trace;

    @Option(names = "--trace-file", paramLabel = "OUT", description = {"Write --trace's lines to OUT as the packets go,",
            "not holding them (variant N: OUT-variant-N); the file appears whole when the command ends."})
    Path traceFile;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the results as JSON (schema scn-result/1).")
    Path json;

    @Option(names = "--junit", paramLabel = "OUT", description = {"Write JUnit XML for CI: one test case per expectation",
            "and run (base and each variant), failures with file:line, expected and actual."})
    Path junit;

    @Option(names = "--pcap", paramLabel = "OUT", description = {"Write a libpcap file (raw IPv4) of the run.",
            "With several runs, variant N goes to OUT-variant-N.pcap."})
    Path pcap;

    @Option(names = "--capture", paramLabel = "HOST[:IF]", description = {
            "With --pcap: what tcpdump on HOST's interface IF (default its external one) would see;",
            "without it every packet is captured once, as it leaves its sender (lo0 included)."})
    String capture;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop a run after N events (default ${DEFAULT-VALUE}).")
    long maxEvents = ScenarioRunner.DEFAULT_MAX_EVENTS;

    @Option(names = "--detailed", description = {"Simulate every connection packet by packet: no replaying of",
            "traffic connections nothing looks at while under way (the results are the same)."})
    boolean detailed;

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (TraceFiles traceFiles = traceFile == null ? null : new TraceFiles(traceFile)) {
            return call(traceFiles);
        }
    }

    /** The command, with the trace files (when asked for) that only a whole run commits. */
    private Integer call(TraceFiles traceFiles) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(file, err);
        if (!loaded.usable()) {
            return ExitCodes.BAD_INPUT;
        }
        for (Path output : new Path[] {json, junit, pcap, traceFile}) {
            String problem = SafeFiles.problemWriting(output);
            if (problem != null) {
                err.println("scn: cannot write " + output + ": " + problem);
                return ExitCodes.BAD_INPUT;
            }
        }
        if (maxEvents <= 0) {
            err.println("scn: --max-events must be at least 1");
            return ExitCodes.BAD_INPUT;
        }
        // Show output and --trace lines are streamed as they happen, not kept until the run ends.
        ScenarioRunner runner = new ScenarioRunner(loaded.scenario(), new ScenarioRunner.RunOptions(maxEvents, false,
                pcap == null ? null : capture == null ? "" : capture).withFastWay(!detailed));
        List<String> names = runner.variantNames();
        if (variant != null) {
            if (!names.contains(variant)) {
                err.println("scn: no variant named '" + variant + "'; variants: " + String.join(", ", names));
                return ExitCodes.BAD_INPUT;
            }
            names = List.of(variant);
        }
        ProgressLine progress = progressOption.open(out, err);
        if (progress != null) {
            progress.runs(null, names);
            runner.watchProgress(progress);
        }
        runner.streamTo(new Printer(loaded, out, err, trace, progress, traceFiles), trace || traceFiles != null);
        List<RunResult> results = new ArrayList<>();
        boolean bound = false;
        Thread main = Thread.currentThread();
        Thread onInterrupt = new Thread(() -> {
            // Ctrl-C: stop after the current event, let the main thread report, write nothing.
            runner.requestStop();
            try {
                main.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scn-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            bound = runAll(runner, names, results, loaded, out, err);
        } catch (IllegalArgumentException e) {
            // A --capture naming no host or interface of the scenario.
            err.println("scn: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C is in progress: the hook is running.
            }
        }
        if (results.stream().anyMatch(r -> r.outcome() == RunResult.Outcome.STOPPED)) {
            err.println("scn: interrupted; no output file was written");
            return ExitCodes.BAD_INPUT;
        }
        summary(results, out);
        try {
            if (json != null) {
                SafeFiles.write(json, ResultJson.write(loaded.displayName(), results));
            }
            if (junit != null) {
                SafeFiles.write(junit, JunitXml.write("scn run " + loaded.displayName(), List.of(
                        new JunitXml.Suite(loaded.displayName(), loaded.sourceLines(), results)), List.of()));
            }
            if (pcap != null) {
                for (int i = 0; i < results.size(); i++) {
                    results.get(i).capture().writePcap(i == 0 ? pcap : numbered(pcap, i),
                            loaded.scenario().startEpochSeconds());
                }
            }
            if (traceFiles != null) {
                traceFiles.commit();
            }
        } catch (IOException e) {
            err.println("scn: cannot write the output: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (bound) {
            return ExitCodes.BAD_INPUT;
        }
        return results.stream().allMatch(RunResult::allHeld) ? ExitCodes.OK : ExitCodes.EXPECTATION_FAILED;
    }

    /**
     * Runs the variants (side by side where the machine has cores; the output comes in order
     * all the same); returns true when a bound or Ctrl-C stopped one of them.
     */
    private boolean runAll(ScenarioRunner runner, List<String> names, List<RunResult> results,
                           ScenarioLoader.Loaded loaded, PrintWriter out, PrintWriter err) {
        results.addAll(runner.runAll(names));
        return results.stream().anyMatch(r -> r.outcome() != RunResult.Outcome.COMPLETED);
    }

    /**
     * Prints each run's header, show output and --trace lines as they happen (wiping the progress
     * line first, if one is drawn), sends the lines to --trace-file's file, and prints each run's end.
     */
    private final class Printer implements ScenarioRunner.Listener {
        private final ScenarioLoader.Loaded loaded;
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean trace;
        private final ProgressLine progress;
        private final TraceFiles traceFiles;
        private String variant;
        private boolean stopped;

        Printer(ScenarioLoader.Loaded loaded, PrintWriter out, PrintWriter err, boolean trace, ProgressLine progress,
                TraceFiles traceFiles) {
            this.loaded = loaded;
            this.out = out;
            this.err = err;
            this.trace = trace;
            this.progress = progress;
            this.traceFiles = traceFiles;
        }

        @Override
        public void started(String scenario, String variant, long seed) {
            this.variant = variant;
            if (stopped) {
                return;
            }
            clearProgress();
            out.println("== " + scenario + " [" + variant + "] seed " + seed + " ==");
            if (traceFiles != null) {
                traceFiles.nextRun();
            }
        }

        @Override
        public void shown(ShowOutput show) {
            if (!stopped) {
                clearProgress();
                out.println("[" + SimTime.human(show.timeMicros()) + "] " + show.host() + "# " + show.command());
                out.print(show.text());
            }
        }

        @Override
        public void packet(RunResult.TimedPacket packet) {
            if (stopped) {
                return;
            }
            if (trace) {
                clearProgress();
                out.println(packet.tcpdump());
            }
            if (traceFiles != null) {
                traceFiles.line(packet.tcpdump());
            }
        }

        /** After Ctrl-C nothing more is printed: the caller reports the interruption. */
        @Override
        public void finished(RunResult result) {
            if (stopped || result.outcome() == RunResult.Outcome.STOPPED) {
                stopped = true;
                return;
            }
            clearProgress();
            print(result, out);
            String stoppedAt = "scn: " + loaded.displayName() + " [" + variant + "]: stopped at "
                    + SimTime.human(result.endMicros()) + " after " + result.eventsProcessed() + " events: ";
            switch (result.outcome()) {
                case COMPLETED, STOPPED -> { }
                case EVENT_BUDGET_EXHAUSTED -> err.println(stoppedAt + "the event budget (--max-events " + maxEvents
                        + ") ran out; raise it with --max-events");
                case MEMORY_BOUND -> err.println(stoppedAt + "the Java heap is nearly full ("
                        + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MiB); shorten the run, lower --max-events, or give Java more memory (-Xmx)");
            }
        }

        private void clearProgress() {
            if (progress != null) {
                progress.clear();
            }
        }
    }

    /** What a run leaves to print after its end: failed connects, thinned samples, expectations. */
    private void print(RunResult result, PrintWriter out) {
        result.connectFailures().forEach((host, n) -> out.println("  " + host + ": " + n
                + " connect(2) calls failed with EADDRNOTAVAIL (no free port in net.inet.ip.portrange.first..last)"));
        result.samplesThinned().forEach((host, every) -> out.println("  note: samples of " + host
                + " thinned: 1 in " + every + " kept (at most " + ScenarioRunner.MAX_SAMPLES_PER_HOST
                + " per host, and the peak)"));
        for (ExpectationResult e : result.expectations()) {
            out.println((e.held() ? "  held    " : "  FAILED  ") + e.span().file() + ":" + e.span().line() + ":"
                    + e.span().column() + "  " + e.mode() + " " + SimTime.human(e.timeMicros()) + "  " + e.subject()
                    + " " + e.op() + " " + e.expected() + "  (actual " + e.actual() + ")");
        }
    }

    private static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".pcap") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(stem + "-variant-" + n + ".pcap");
    }

    private static void summary(List<RunResult> results, PrintWriter out) {
        List<String> parts = new ArrayList<>();
        for (RunResult r : results) {
            long held = r.expectations().stream().filter(ExpectationResult::held).count();
            parts.add(r.variant() + ": " + held + "/" + r.expectations().size() + " held, simulated "
                    + SimTime.human(r.endMicros()) + " in " + r.eventsProcessed() + " events");
        }
        out.println("summary: " + String.join("; ", parts));
    }
}
