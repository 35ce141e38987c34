package dev.scn.report;

import dev.scn.fact.Fact;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;
import dev.scn.run.HostEnd;
import dev.scn.run.RunFacts;
import dev.scn.run.RunResult;
import dev.scn.run.Snapshot;

import java.util.List;

/**
 * Section 2, "what happened", as paragraphs of numbered causal steps: one per named connection
 * ({@link ConnectionStory}), then the hosts as a whole (traffic, states that pile up, ipfw's
 * table), then what each variant changed. Reads the runs' data and facts only; produces bundle
 * keys and arguments, which each language words itself.
 */
final class Narrative {
    /** States a run may leave behind that deserve a paragraph when many connections are in them. */
    static final List<String> ABNORMAL = List.of("SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "FIN_WAIT_1",
            "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT");

    private final Scenario scenario;
    private final RunResult base;
    private final List<RunResult> others;
    private final Paragraphs out = new Paragraphs();

    private Narrative(Scenario scenario, RunResult base, List<RunResult> others) {
        this.scenario = scenario;
        this.base = base;
        this.others = others;
    }

    static List<Report.Paragraph> of(Scenario scenario, RunResult base, List<RunResult> others,
                                     List<RunResult.Connection> connections) {
        Narrative n = new Narrative(scenario, base, others);
        for (RunResult.Connection c : connections) {
            ConnectionStory.tell(base, c, n.out);
            n.connectionInVariants(c);
        }
        n.traffic();
        for (String host : base.hosts().keySet()) {
            n.piledUp(host, connections.size());
            n.ipfwTable(base.hosts().get(host));
        }
        return n.out.paragraphs();
    }

    /** How each variant's run ended the same connection, beside the base. */
    private void connectionInVariants(RunResult.Connection c) {
        for (RunResult run : others) {
            RunResult.Connection vc = run.connections().get(c.name());
            if (vc == null) {
                continue;
            }
            out.variant(run.variant());
            ConnectionStory.tell(run, vc, out);
            out.variant(null);
            RunResult.End b = c.onTarget();
            RunResult.End v = vc.onTarget();
            // key by (variant closed?, base closed?): C = closed, A = alive at the end
            String key = "story.variantVs." + ("CLOSED".equals(v.state()) ? "C" : "A") + ("CLOSED".equals(b.state())
                    ? "C" : "A") + (v.state().equals(b.state()) && !"CLOSED".equals(v.state()) ? "same" : "");
            out.step(key, run.variant(), c.name(), c.target(), v.state(), Format.seconds(v.since()), b.state(),
                    Format.seconds(b.since()), Format.seconds(run.endMicros()));
        }
    }

    /** What each traffic pool sent. */
    private void traffic() {
        for (TrafficDecl t : scenario.traffic()) {
            long syns = base.packetsPerHost().getOrDefault(t.name(), java.util.Map.of()).getOrDefault("syn", 0L);
            out.heading("story.traffic", t.name(), Format.number(t.ratePerSecond()), Format.seconds(t.fromMicros()),
                    Format.seconds(t.untilMicros()), syns, t.target(), t.port());
        }
    }

    /**
     * States that pile up on a host beyond the named connections: the peak the samples saw, the
     * count at the end, and for TIME_WAIT its 2·MSL and Little's law with the traffic's rate.
     */
    private void piledUp(String host, int named) {
        // a pile worth a paragraph: more than the named connections, and at least a tenth of the
        // largest pile on the host (a handful of FIN_WAIT_1 in flight beside 600 TIME_WAIT is not news)
        int largest = ABNORMAL.stream().mapToInt(state -> size(host, state)).max().orElse(0);
        for (String state : ABNORMAL) {
            Snapshot peak = peak(base, host, state);
            int atEnd = base.tcpStates().getOrDefault(host, java.util.Map.of()).getOrDefault(state, 0);
            int peakCount = peak == null ? 0 : peak.tcpStates().getOrDefault(state, 0);
            if (Math.max(peakCount, atEnd) <= named || size(host, state) * 10 < largest) {
                continue;
            }
            out.heading("story.pile", host, state, peakCount, peak == null ? "0" : Format.seconds(peak.timeMicros()),
                    atEnd, Format.seconds(base.endMicros()));
            if ("TIME_WAIT".equals(state)) {
                timeWait(host, peakCount);
            }
            for (RunResult run : others) {
                Snapshot vp = peak(run, host, state);
                out.step("story.pileVariant", run.variant(), vp == null ? 0 : vp.tcpStates().getOrDefault(state, 0),
                        vp == null ? "0" : Format.seconds(vp.timeMicros()), peakCount);
            }
        }
    }

    /** The larger of the peak the samples saw and the count at the end, in the base run. */
    private int size(String host, String state) {
        Snapshot peak = peak(base, host, state);
        int peakCount = peak == null ? 0 : peak.tcpStates().getOrDefault(state, 0);
        return Math.max(peakCount, base.tcpStates().getOrDefault(host, java.util.Map.of()).getOrDefault(state, 0));
    }

    /** TIME_WAIT: held 2·MSL by the side that closed first; Little's law from the arrival rate. */
    private void timeWait(String host, int peak) {
        RunFacts.Entry armed = base.facts().all().stream().filter(e -> host.equals(e.host())
                && e.fact() instanceof Fact.TimerArmed a && a.timer() == dev.scn.fact.TcpTimer.TIME_WAIT)
                .findFirst().orElse(null);
        if (armed == null) {
            return;
        }
        Fact.TimerArmed a = (Fact.TimerArmed) armed.fact();
        long msl = a.inputs().isEmpty() ? a.millis() / 2 : a.inputs().get(0).value();
        // 5.x-13.x: the half-second walk that ends it comes, on average, half a period after 2MSL.
        long walk = ConnectionStory.walkPeriod(armed);
        long heldMicros = a.millis() * 1000 + walk * 1000 / 2;
        if (walk > 0) {
            out.step("story.timeWaitWhoWalk", host, Format.seconds(a.millis() * 1000), Format.seconds(msl * 1000),
                    Format.seconds(walk * 1000), Format.seconds(heldMicros));
        } else {
            out.step("story.timeWaitWho", host, Format.seconds(a.millis() * 1000), Format.seconds(msl * 1000));
        }
        double rate = scenario.traffic().stream().filter(t -> t.target().equals(host))
                .mapToDouble(TrafficDecl::ratePerSecond).sum();
        if (rate > 0) {
            double little = rate * heldMicros / 1_000_000.0;
            out.step("story.little", Format.number(rate), Format.seconds(heldMicros), Format.number(little), peak);
        }
        for (RunResult run : others) {
            run.facts().all().stream().filter(e -> host.equals(e.host()) && e.fact() instanceof Fact.TimerArmed v
                    && v.timer() == dev.scn.fact.TcpTimer.TIME_WAIT).findFirst().ifPresent(e -> {
                        Fact.TimerArmed v = (Fact.TimerArmed) e.fact();
                        long vHeld = v.millis() * 1000 + ConnectionStory.walkPeriod(e) * 1000 / 2;
                        if (vHeld != heldMicros) {
                            out.step("story.timeWaitVariant", run.variant(), Format.seconds(vHeld),
                                    Format.number(rate * vHeld / 1_000_000.0));
                        }
                    });
        }
    }

    /** ipfw's table on a host: live rules against dyn_max, and the table-full log lines. */
    private void ipfwTable(HostEnd host) {
        if (!host.hasIpfw()) {
            return;
        }
        List<HostEnd.LogLine> full = host.log().stream().filter(HostEnd.LogLine::tableFull).toList();
        if (full.isEmpty() && host.liveDynamic() <= base.connections().size()) {
            return;
        }
        out.heading("story.ipfwTable", host.name(), host.liveDynamic(), host.dynCount(), host.dynMax(),
                Format.seconds(base.endMicros()));
        if (!full.isEmpty()) {
            out.step("story.ipfwFull", host.name(), full.get(0).text(), full.size(), Format.seconds(full.get(0).time()),
                    Format.seconds(full.get(full.size() - 1).time()));
        }
        for (RunResult run : others) {
            HostEnd v = run.hosts().get(host.name());
            if (v != null) {
                out.step("story.ipfwVariant", run.variant(), v.liveDynamic(),
                        v.log().stream().filter(HostEnd.LogLine::tableFull).count());
            }
        }
    }

    /** The sample with the most connections in a state on a host, the earliest of equals. */
    private static Snapshot peak(RunResult run, String host, String state) {
        Snapshot best = null;
        for (Snapshot s : run.samples()) {
            if (s.host().equals(host) && (best == null
                    || s.tcpStates().getOrDefault(state, 0) > best.tcpStates().getOrDefault(state, 0))) {
                best = s;
            }
        }
        return best;
    }
}
