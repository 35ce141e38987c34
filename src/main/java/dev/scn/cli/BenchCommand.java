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
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scn bench}: the engine's speed and memory on a generated traffic scenario. Speed goals
 * live here, not in unit tests; the numbers depend on the machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure simulation speed: N clients fetch 20k each from a FreeBSD server behind ipfw keep-state.",
        footer = {"", "Examples:", "  scn bench --connections 100000", "  scn bench --connections 1000000 --rate 2000",
                ExitCodes.HELP})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--connections", paramLabel = "N", description = "Connections to simulate (default ${DEFAULT-VALUE}).")
    long connections = 100_000;

    @Option(names = "--rate", paramLabel = "R", description = "New connections per simulated second (default ${DEFAULT-VALUE}).")
    long rate = 1_000;

    @Option(names = "--os", paramLabel = "VERSION", description = "FreeBSD release of both sides (default ${DEFAULT-VALUE}).")
    String os = "5.4";

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (connections < 1 || rate < 1 || connections / rate > 10_000_000L) {
            spec.commandLine().getErr().println("scn bench: --connections and --rate must be positive");
            return ExitCodes.BAD_INPUT;
        }
        long seconds = Math.max(1, connections / rate);
        String source = String.format(Locale.ROOT, """
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
                    link web server delay 20ms
                    at %ds expect server netstat ESTABLISHED >= 0
                }
                """, seconds + 120, os, rate, seconds, seconds + 120);
        ScenarioLoad.Loaded parsed = ScenarioLoad.text(source, "bench.scn");
        if (!parsed.usable()) {
            parsed.diagnostics().sorted().forEach(d -> spec.commandLine().getErr().println(d));
            return ExitCodes.BAD_INPUT;
        }
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
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        long opened = result.packetsByKind().getOrDefault("syn", 0L) / 2;
        out.printf(Locale.ROOT, "connections: %d (about %d SYN/SYN-ACK pairs), simulated %s%n", connections, opened,
                dev.scn.engine.kernel.SimTime.human(result.endMicros()));
        out.printf(Locale.ROOT, "events: %d in %.2f s wall = %.0f events/s; %.0f connections/s%n",
                result.eventsProcessed(), wall, result.eventsProcessed() / wall, connections / wall);
        out.printf(Locale.ROOT, "packets sent: %d; heap retained after the run (trace and final state): %.1f MiB (before: %.1f MiB)%n",
                result.packetsByKind().get("sent"), after / 1048576.0, before / 1048576.0);
        result.connectFailures().forEach((host, n) -> out.printf(Locale.ROOT,
                "%s: %d connect(2) calls failed with EADDRNOTAVAIL (no free ephemeral port; lower --rate)%n", host, n));
        if (result.outcome() == RunResult.Outcome.MEMORY_BOUND) {
            spec.commandLine().getErr().printf(Locale.ROOT, "scn bench: stopped at %s: the Java heap is nearly full;"
                    + " lower --connections or --rate%n", dev.scn.engine.kernel.SimTime.human(result.endMicros()));
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
