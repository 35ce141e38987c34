package dev.scn.cli;

import dev.scn.load.ScenarioLoad;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scn bench}: the engine's speed and memory on a generated traffic scenario. Speed goals
 * live here, not in unit tests; the numbers depend on the machine.
 *
 * <p>Besides the human lines, each run prints one {@code bench-result} line of key=value fields
 * that bench/compare.sh parses: the loop time is the event loop alone (no parsing, no building
 * of hosts, no result collection), comparable with ns-3's {@code Simulator::Run()}. With
 * {@code --warmup} the same workload runs more than once in this JVM: the first run
 * ({@code run=cold}) pays class loading and JIT compilation, the last ({@code run=warm}) is timed
 * once the JIT has settled; {@code --warmup-runs N} runs it N times before the timed run (the
 * ones after the first are {@code run=warming}), since a short workload ends before the JIT has
 * compiled its hot paths; {@code --warm-runs K} times K runs after that (a GC pause or a late
 * compilation makes one run an outlier, so a script takes the median).
 *
 * <p>With several sizes ({@code --connections 1000,2000,4000}) each round runs every size in
 * turn. Which code the JIT settles on differs from JVM to JVM (bench/README.md), so sizes timed
 * in different JVMs compare two compilations as well as two workloads; timed in one JVM, round
 * by round, they compare the workloads alone, which is what a linearity check asks.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure simulation speed: N clients fetch 20k each from a FreeBSD server behind ipfw keep-state.",
        footer = {"", "Examples:", "  scn bench --connections 100000", "  scn bench --connections 1000000 --rate 2000",
                "  scn bench --connections 4000 --rate 50 --delay 40ms --warmup",
                "  scn bench --connections 4000 --rate 50 --delay 40ms --warmup --warmup-runs 40 --warm-runs 5",
                "  scn bench --connections 1000,2000,4000,8000 --rate 50 --delay 40ms --warmup --warmup-runs 10 --warm-runs 5",
                ExitCodes.HELP})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--connections", paramLabel = "N", split = ",", defaultValue = "100000",
            description = "Connections to simulate (default ${DEFAULT-VALUE}); several, comma-separated, run in turn in"
                    + " each round, so that every size is timed on the same compiled code.")
    List<Long> connections;

    @Option(names = "--rate", paramLabel = "R", description = "New connections per simulated second, Poisson arrivals (default ${DEFAULT-VALUE}).")
    long rate = 1_000;

    @Option(names = "--delay", paramLabel = "DURATION", description = "One-way delay of the clients' link, e.g. 40ms (default ${DEFAULT-VALUE}).")
    String delay = "20ms";

    @Option(names = "--warmup", description = "Run the same workload first (reported as run=cold), then the timed run (run=warm).")
    boolean warmup;

    @Option(names = "--warmup-runs", paramLabel = "N", description = "With --warmup: runs before the timed one (default ${DEFAULT-VALUE}); the first is run=cold, the others run=warming.")
    int warmupRuns = 1;

    @Option(names = "--warm-runs", paramLabel = "K", description = "With --warmup: timed runs after the warm-up, each reported as run=warm (default ${DEFAULT-VALUE}); a script takes their median.")
    int warmRuns = 1;

    @Option(names = "--os", paramLabel = "VERSION", description = "FreeBSD release of both sides (default ${DEFAULT-VALUE}).")
    String os = "5.4";

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Spec
    CommandSpec spec;

    /** A duration as the scenario language writes it; anything else would be spliced into the scenario. */
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("[0-9]{1,9}(us|ms|s)");

    /** The generated scenario: a /16 pool fetching 20k each, then 120 s for the last ones to finish. */
    static String scenarioText(long connections, long rate, String delay, String os) {
        long seconds = Math.max(1, connections / rate);
        return String.format(Locale.ROOT, """
                scenario bench {
                    seed 1
                    run %ds
                    host server {
                        os freebsd %s
                        ip 192.0.2.10
                        sysctl net.inet.ip.fw.dyn_max=1000000
                        ipfw add 100 check-state
                        ipfw add 200 allow tcp from any to me 80 setup keep-state
                        ipfw add 65000 deny ip from any to any
                        listen 80 http { request 300 response 20k then close }
                    }
                    traffic web from 10.1.0.0/16 to server:80 rate %d/s during 0s..%ds {
                        request 300 response 20k
                        100%% normal
                    }
                    link web server delay %s
                    at %ds expect server netstat ESTABLISHED >= 0
                }
                """, seconds + 120, os, rate, seconds, delay, seconds + 120);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rate < 1 || connections.stream().anyMatch(n -> n < 1 || n / rate > 10_000_000L)) {
            spec.commandLine().getErr().println("scn bench: --connections and --rate must be positive");
            return ExitCodes.BAD_INPUT;
        }
        if (!DURATION.matcher(delay).matches()) {
            spec.commandLine().getErr().println("scn bench: --delay must be a duration such as 40ms, 500us or 1s");
            return ExitCodes.BAD_INPUT;
        }
        if (warmupRuns < 1 || warmRuns < 1) {
            spec.commandLine().getErr().println("scn bench: --warmup-runs and --warm-runs must be at least 1");
            return ExitCodes.BAD_INPUT;
        }
        List<Workload> workloads = new ArrayList<>();
        for (long n : connections) {
            ScenarioLoad.Loaded parsed = ScenarioLoad.text(scenarioText(n, rate, delay, os), "bench.scn");
            if (!parsed.usable()) {
                parsed.diagnostics().sorted().forEach(d -> spec.commandLine().getErr().println(d));
                return ExitCodes.BAD_INPUT;
            }
            workloads.add(new Workload(n, parsed));
        }
        if (!warmup) {
            // Only the very first run pays class loading and compilation in full.
            return rounds(workloads, out, 1, "cold", "warming");
        }
        Integer code = rounds(workloads, out, warmupRuns, "cold", "warming");
        return code != ExitCodes.OK ? code : rounds(workloads, out, warmRuns, "warm", "warm");
    }

    /** One size's generated scenario. */
    private record Workload(long asked, ScenarioLoad.Loaded parsed) {
    }

    /**
     * Runs {@code count} rounds of every workload in turn; the very first run is labelled
     * {@code first}, every other {@code rest}.
     */
    private Integer rounds(List<Workload> workloads, PrintWriter out, int count, String first, String rest) {
        for (int i = 0; i < count; i++) {
            for (int w = 0; w < workloads.size(); w++) {
                Integer code = runOnce(workloads.get(w), out, i == 0 && w == 0 ? first : rest);
                if (code != ExitCodes.OK) {
                    return code;
                }
            }
        }
        return ExitCodes.OK;
    }

    private Integer runOnce(Workload workload, PrintWriter out, String label) {
        ScenarioLoad.Loaded parsed = workload.parsed();
        long asked = workload.asked();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        ScenarioRunner runner = new ScenarioRunner(parsed.scenario(),
                new ScenarioRunner.RunOptions(Long.MAX_VALUE, false, null));
        ProgressLine progress = progressOption.open(out, spec.commandLine().getErr());
        if (progress != null) {
            progress.runs(null, java.util.List.of(ScenarioRunner.BASE));
            runner.watchProgress(progress);
        }
        RunResult result = runner.run(ScenarioRunner.BASE);
        double wall = (System.nanoTime() - start) / 1e9;
        double loop = runner.lastLoopNanos() / 1e9;
        double loopCpu = runner.lastLoopCpuNanos() / 1e9;
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        // Each client of the pool sends one SYN per connection (the link loses nothing).
        long opened = result.packetsPerHost().getOrDefault("web", java.util.Map.of()).getOrDefault("syn", 0L);
        out.printf(Locale.ROOT, "%s run: connections: %d asked, %d opened, simulated %s%n", label, asked, opened,
                dev.scn.engine.kernel.SimTime.human(result.endMicros()));
        out.printf(Locale.ROOT, "events: %d; event loop %.3f s (CPU %.3f s) = %.0f events/s, %.0f connections/s; run with setup %.3f s%n",
                result.eventsProcessed(), loop, loopCpu, result.eventsProcessed() / loop, opened / loop, wall);
        out.printf(Locale.ROOT, "packets sent: %d; heap retained after the run (trace and final state): %.1f MiB (before: %.1f MiB)%n",
                result.packetsByKind().get("sent"), after / 1048576.0, before / 1048576.0);
        result.connectFailures().forEach((host, n) -> out.printf(Locale.ROOT,
                "%s: %d connect(2) calls failed with EADDRNOTAVAIL (no free ephemeral port; lower --rate)%n", host, n));
        out.printf(Locale.ROOT, "bench-result tool=scn run=%s asked=%d connections=%d events=%d loop_seconds=%.6f"
                        + " loop_cpu_seconds=%.6f run_seconds=%.6f rate=%d delay=%s%n",
                label, asked, opened, result.eventsProcessed(), loop, loopCpu, wall, rate, delay);
        out.flush();
        if (result.outcome() == RunResult.Outcome.MEMORY_BOUND) {
            spec.commandLine().getErr().printf(Locale.ROOT, "scn bench: stopped at %s: the Java heap is nearly full;"
                    + " lower --connections or --rate%n", dev.scn.engine.kernel.SimTime.human(result.endMicros()));
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
