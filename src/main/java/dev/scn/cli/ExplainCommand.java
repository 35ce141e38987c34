package dev.scn.cli;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.trace.Explanation;
import dev.scn.engine.trace.TraceKind;
import dev.scn.engine.trace.TraceRecord;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * {@code scn explain FILE --conn NAME}: runs the scenario up to T and answers from the causal
 * trace what state the connection (and its dynamic rule) is in and what keeps it there.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain from the causal trace what keeps a connection (and its dynamic rule) alive.",
        footer = {"", "Examples:", "  scn explain scenarios/finwait2-ipfw-keepalive.scn --conn c1",
                "  scn explain scenarios/finwait2-ipfw-keepalive.scn --conn c1 --host server --at 1d", ExitCodes.HELP})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--conn", required = true, paramLabel = "NAME", description = "A connection named in the timeline ('as NAME').")
    String connection;

    @Option(names = "--host", paramLabel = "H", description = "Whose view: default the host it connected to.")
    String host;

    @Option(names = "--at", paramLabel = "T", converter = DurationOption.class,
            description = "When, e.g. 1d or 3600s; default the end of the run.")
    Long at;

    @Option(names = "--variant", paramLabel = "NAME", description = "Explain in this variant (default: base).")
    String variant = ScenarioRunner.BASE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(file, err);
        if (!loaded.usable()) {
            return ExitCodes.BAD_INPUT;
        }
        ScenarioRunner runner = new ScenarioRunner(withRunEnd(loaded), ScenarioRunner.RunOptions.defaults());
        if (!runner.variantNames().contains(variant)) {
            err.println("scn: no variant named '" + variant + "'; variants: " + String.join(", ", runner.variantNames()));
            return ExitCodes.BAD_INPUT;
        }
        java.util.List<String> hosts = new java.util.ArrayList<>();
        loaded.scenario().hosts().forEach(h -> hosts.add(h.name()));
        loaded.scenario().traffic().forEach(t -> hosts.add(t.name()));
        if (host != null && !hosts.contains(host)) {
            err.println("scn: no host named '" + host + "'; hosts: " + String.join(", ", hosts));
            return ExitCodes.BAD_INPUT;
        }
        ScenarioRunner.Live live = runner.runLive(variant);
        RunResult result = live.result();
        if (result.outcome() != RunResult.Outcome.COMPLETED) {
            err.println("scn: " + loaded.displayName() + " [" + variant + "]: stopped at "
                    + SimTime.human(result.endMicros()) + " after " + result.eventsProcessed() + " events ("
                    + result.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + "); nothing to explain");
            return ExitCodes.BAD_INPUT;
        }
        RunResult.Connection c = result.connections().get(connection);
        if (c == null) {
            err.println("scn: no connection named '" + connection + "' was opened; named connections: "
                    + String.join(", ", result.connections().keySet()));
            return ExitCodes.BAD_INPUT;
        }
        String whose = host == null ? c.target() : host;
        long when = result.endMicros();
        var machine = live.simulation().machine(whose);
        TcpConnection tcp = machine.tcp().connection(flowOf(live, c));
        out.println(connection + " on " + whose + " at " + SimTime.human(when) + ": "
                + (tcp == null ? "no such connection (CLOSED)" : tcp.state().netstatName()));
        Explanation idle = Explanation.of(live.simulation().trace(), flowOf(live, c), whose, when,
                EnumSet.of(TraceKind.TCP_IDLE_RESET));
        if (idle.lastState() != null) {
            out.println("  last state change at " + SimTime.human(idle.lastState().time()) + ": " + idle.lastState().detail());
        }
        if (tcp != null && tcp.twoMslDeadline() >= 0) {
            out.println("  its " + tcp.state().netstatName() + " timer fires at " + SimTime.human(tcp.twoMslDeadline()));
        }
        printChain("  last segment received (resets the idle time)", idle, out);
        machine.ipfw().ifPresent(ipfw -> explainState(live, c, whose, when, ipfw, out));
        return ExitCodes.OK;
    }

    private dev.scn.model.Scenario withRunEnd(ScenarioLoader.Loaded loaded) {
        dev.scn.model.Scenario s = loaded.scenario();
        if (at == null) {
            return s;
        }
        return new dev.scn.model.Scenario(s.name(), s.span(), s.title(), s.summary(), s.note(), s.seed(), at, s.hosts(),
                s.links(), s.pathRules(), s.timeline(), s.traffic(), s.variants());
    }

    private void explainState(ScenarioRunner.Live live, RunResult.Connection c, String whose, long when, Ipfw ipfw,
                              PrintWriter out) {
        DynamicState state = ipfw.states().stream().filter(q -> q.flow().toString().equals(c.flow())).findFirst()
                .orElse(null);
        if (state == null) {
            out.println("dynamic rule on " + whose + ": none for this connection");
            return;
        }
        long now = ipfw.now();
        out.println("dynamic rule " + String.format(java.util.Locale.ROOT, "%05d", state.ruleNumber()) + " on " + whose
                + ": " + (state.dead(now) ? "expired (still counted until reaped)" : state.remaining(now) + " s left"));
        Explanation refresh = Explanation.of(live.simulation().trace(), flowOf(live, c), whose, when,
                EnumSet.of(TraceKind.DYN_REFRESHED));
        printChain("  last refresh", refresh, out);
    }

    /** The engine's key of a named connection's flow (the result names flows by their text). */
    private static dev.scn.engine.flow.FlowKey flowOf(ScenarioRunner.Live live, RunResult.Connection c) {
        return live.flows().get(c.name());
    }

    private static void printChain(String title, Explanation explanation, PrintWriter out) {
        TraceRecord last = explanation.lastRenewal();
        if (last == null) {
            out.println(title + ": none recorded");
            return;
        }
        out.println(title + " at " + SimTime.human(last.time()) + ", because of:");
        for (TraceRecord r : explanation.chain()) {
            out.println("    " + SimTime.human(r.time()) + "  " + (r.host() == null ? "" : r.host() + ": ")
                    + r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + r.detail());
        }
    }
}
