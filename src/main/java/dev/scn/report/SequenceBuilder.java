package dev.scn.report;

import dev.scn.engine.SimTime;
import dev.scn.engine.net.FlowKey;
import dev.scn.engine.net.Origin;
import dev.scn.engine.trace.TraceKind;
import dev.scn.engine.trace.TraceRecord;
import dev.scn.observe.TcpdumpFormatter;
import dev.scn.run.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link SequenceDiagram} of a connection from the causal trace and the packets of a
 * run (the run must keep packets). Events closer than {@value #BURST_MICROS} µs form a burst; a
 * run of at least three bursts repeating the same labels is folded into one.
 */
final class SequenceBuilder {
    static final long BURST_MICROS = 1_000_000L;
    private static final int MIN_REPEATS = 3;
    private static final int MAX_PERIOD = 4;
    private static final Pattern ARMED = Pattern.compile("^(\\S+) timer armed for (\\d+(?:\\.\\d+)?) s");
    private static final Pattern REARMED = Pattern.compile("re-armed for (\\d+(?:\\.\\d+)?) s");
    private static final Pattern LIFETIME = Pattern.compile("now\\+(\\d+) s \\(net\\.inet\\.ip\\.fw\\.(\\w+)\\)");
    private static final Pattern RULE = Pattern.compile("rule (\\d+)");

    private SequenceBuilder() {
    }

    /** One event before layout; {@code signature} is what must match for a cycle to repeat. */
    private record Step(long micros, SequenceDiagram.Row row, boolean quiet) {
        String signature() {
            return row.type() + "|" + row.from() + "|" + row.to() + "|" + row.key() + "|" + row.args();
        }
    }

    private record Burst(List<Step> steps) {
        long start() {
            return steps.get(0).micros();
        }

        long end() {
            return steps.get(steps.size() - 1).micros();
        }

        /** Only timer checks that changed nothing: folded away with the cycle they fall into. */
        boolean quiet() {
            return steps.stream().allMatch(Step::quiet);
        }

        String signature() {
            StringBuilder b = new StringBuilder();
            steps.forEach(s -> b.append(s.signature()).append('\n'));
            return b.toString();
        }
    }

    static SequenceDiagram build(RunResult run, RunResult.Connection c, String endState) {
        FlowKey flow = c.flow();
        List<String> labels = packetLabels(run, flow);
        List<TraceRecord> records = run.simulation().trace().about(flow);
        long firstKeepalive = records.stream().filter(r -> r.kind() == TraceKind.IPFW_KEEPALIVE)
                .mapToLong(TraceRecord::time).min().orElse(Long.MAX_VALUE);
        List<RunResult.TimedPacket> packets = run.packets().stream()
                .filter(p -> flow.equals(FlowKey.of(p.packet()))).toList();
        List<Step> steps = new ArrayList<>();
        int packetIndex = 0;
        String lastLifetime = null;
        for (TraceRecord r : records) {
            int lane = c.host().equals(r.host()) ? SequenceDiagram.CLIENT : SequenceDiagram.TCP;
            SequenceDiagram.Row row = null;
            boolean quiet = false;
            switch (r.kind()) {
                case PACKET_SENT -> {
                    if (packetIndex < packets.size()) {
                        RunResult.TimedPacket p = packets.get(packetIndex);
                        row = arrow(r.time(), p, c, labels.get(packetIndex));
                    }
                    packetIndex++;
                }
                case PACKET_DROPPED -> row = mark(r.time(), c.host().equals(r.host()) ? SequenceDiagram.CLIENT
                        : SequenceDiagram.IPFW, "seq.dropped", List.of());
                case TCP_STATE -> {
                    String detail = r.detail();
                    int arrow = detail.indexOf(" -> ");
                    String before = arrow < 0 ? detail : detail.substring(0, arrow);
                    if (detail.contains("(forgotten")) {
                        row = mark(r.time(), lane, "seq.forgotten", List.of(before));
                    } else if (arrow >= 0) {
                        String after = detail.substring(arrow + 4);
                        int paren = after.indexOf(" (");
                        row = mark(r.time(), lane, "seq.state", List.of(before, paren < 0 ? after : after.substring(0, paren)));
                    }
                }
                case TCP_TIMER_ARMED -> {
                    Matcher m = ARMED.matcher(r.detail());
                    if (m.find()) {
                        row = mark(r.time(), lane, "seq.timerArmed", List.of(m.group(1), m.group(2)));
                    }
                }
                case TCP_TIMER_FIRED -> {
                    String name = r.detail().contains(" timer") ? r.detail().substring(0, r.detail().indexOf(" timer"))
                            : "TCP";
                    Matcher m = REARMED.matcher(r.detail());
                    if (m.find()) {
                        row = mark(r.time(), lane, "seq.timerRearmed", List.of(name, m.group(1)));
                        quiet = true;
                    } else {
                        row = mark(r.time(), lane, "seq.timerFired", List.of(name));
                    }
                }
                case DYN_CREATED -> {
                    Matcher rule = RULE.matcher(r.detail());
                    Matcher life = LIFETIME.matcher(r.detail());
                    if (rule.find() && life.find()) {
                        row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynCreated",
                                List.of(rule.group(1), life.group(1), life.group(2)));
                        lastLifetime = life.group(2);
                    }
                }
                case DYN_REFRESHED -> {
                    Matcher life = LIFETIME.matcher(r.detail());
                    if (life.find() && (r.time() >= firstKeepalive || !life.group(2).equals(lastLifetime))) {
                        row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynRefreshed", List.of(life.group(1), life.group(2)));
                        lastLifetime = life.group(2);
                    }
                }
                case DYN_EXPIRED -> row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynExpired", List.of());
                case DYN_REMOVED -> row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynRemoved", List.of());
                case TCP_IDLE_RESET -> {
                    if (r.time() >= firstKeepalive) {
                        row = mark(r.time(), lane, "seq.idleReset", List.of());
                    }
                }
                default -> {
                }
            }
            if (row != null) {
                steps.add(new Step(r.time(), row, quiet));
            }
        }
        return new SequenceDiagram(c.name(), c.host(), c.target(), layout(bursts(steps), run.endMicros(), endState));
    }

    private static SequenceDiagram.Row mark(long time, int lane, String key, List<String> args) {
        return new SequenceDiagram.Row(SequenceDiagram.Type.MARK, time, lane, lane, key, args);
    }

    private static SequenceDiagram.Row arrow(long time, RunResult.TimedPacket p, RunResult.Connection c, String label) {
        boolean fromClient = c.host().equals(p.host());
        int from;
        int to;
        String key = "seq.packet";
        if (fromClient) {
            from = SequenceDiagram.CLIENT;
            to = SequenceDiagram.TCP;
        } else if (p.packet().origin() == Origin.IPFW_KEEPALIVE) {
            from = SequenceDiagram.IPFW;
            boolean toSelf = "lo0".equals(p.via());
            to = toSelf ? SequenceDiagram.TCP : SequenceDiagram.CLIENT;
            key = toSelf ? "seq.keepaliveLoopback" : "seq.keepalive";
        } else {
            from = SequenceDiagram.TCP;
            to = SequenceDiagram.CLIENT;
        }
        return new SequenceDiagram.Row(SequenceDiagram.Type.ARROW, time, from, to, key, List.of(label));
    }

    /** tcpdump's line reduced to flags, seq and ack: {@code [F.] seq 20441:20481 ack 301}. */
    private static List<String> packetLabels(RunResult run, FlowKey flow) {
        TcpdumpFormatter tcpdump = new TcpdumpFormatter();
        List<String> out = new ArrayList<>();
        for (RunResult.TimedPacket p : run.packets()) {
            if (!flow.equals(FlowKey.of(p.packet()))) {
                continue;
            }
            String line = tcpdump.format(p.timeMicros(), p.packet());
            int flags = line.indexOf("Flags ");
            int win = line.indexOf(", win");
            String label = line.substring(flags + 6, win < 0 ? line.length() : win).replace(",", "");
            out.add(label);
        }
        return out;
    }

    private static List<Burst> bursts(List<Step> steps) {
        List<Burst> out = new ArrayList<>();
        List<Step> current = new ArrayList<>();
        for (Step s : steps) {
            if (!current.isEmpty() && s.micros() - current.get(current.size() - 1).micros() > BURST_MICROS) {
                out.add(new Burst(current));
                current = new ArrayList<>();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            out.add(new Burst(current));
        }
        return out;
    }

    /** Lays bursts out in rows, cutting quiet stretches and folding repeated cycles. */
    private static List<SequenceDiagram.Row> layout(List<Burst> all, long endMicros, String endState) {
        List<Burst> loud = all.stream().filter(b -> !b.quiet()).toList();
        List<SequenceDiagram.Row> rows = new ArrayList<>();
        long lastTime = 0;
        int i = 0;
        int quietIndex = 0;
        List<Burst> quiet = all.stream().filter(Burst::quiet).toList();
        while (i < loud.size()) {
            int[] best = repetition(loud, i);
            int period = best[0];
            int repeats = best[1];
            if (repeats >= MIN_REPEATS) {
                Burst first = loud.get(i);
                Burst lastOfFold = loud.get(i + period * repeats - 1);
                long next = i + period * repeats < loud.size() ? loud.get(i + period * repeats).start() : Long.MAX_VALUE;
                // quiet bursts before the fold are drawn; those inside it are counted
                while (quietIndex < quiet.size() && quiet.get(quietIndex).start() < first.start()) {
                    lastTime = emit(rows, quiet.get(quietIndex++), lastTime);
                }
                // quiet timer checks inside the fold (and up to the next loud burst) are counted, not drawn
                int folded = 0;
                while (quietIndex < quiet.size() && quiet.get(quietIndex).start() < next) {
                    folded += quiet.get(quietIndex++).steps().size();
                }
                long periodMicros = (loud.get(i + period * (repeats - 1)).start() - first.start()) / (repeats - 1);
                gap(rows, first.start(), lastTime);
                rows.add(new SequenceDiagram.Row(SequenceDiagram.Type.FOLD_START, first.start(), 0, 0, "seq.fold",
                        List.of(Integer.toString(repeats), Format.seconds(periodMicros))));
                for (int k = 0; k < period; k++) {
                    for (Step s : loud.get(i + k).steps()) {
                        rows.add(s.row());
                    }
                }
                List<String> noteArgs = List.of(SimTime.human(first.start()), SimTime.human(lastOfFold.end()),
                        Integer.toString(folded));
                rows.add(new SequenceDiagram.Row(SequenceDiagram.Type.FOLD_END, lastOfFold.end(), 0, 0,
                        folded > 0 ? "seq.foldEndTimers" : "seq.foldEnd", noteArgs));
                lastTime = lastOfFold.end();
                i += period * repeats;
            } else {
                Burst b = loud.get(i);
                while (quietIndex < quiet.size() && quiet.get(quietIndex).start() < b.start()) {
                    lastTime = emit(rows, quiet.get(quietIndex++), lastTime);
                }
                lastTime = emit(rows, b, lastTime);
                i++;
            }
        }
        while (quietIndex < quiet.size()) {
            lastTime = emit(rows, quiet.get(quietIndex++), lastTime);
        }
        gap(rows, endMicros, lastTime);
        rows.add(new SequenceDiagram.Row(SequenceDiagram.Type.END, endMicros, 0, 0, "seq.end",
                List.of(SimTime.human(endMicros), endState)));
        return rows;
    }

    private static long emit(List<SequenceDiagram.Row> rows, Burst b, long lastTime) {
        gap(rows, b.start(), lastTime);
        for (Step s : b.steps()) {
            rows.add(s.row());
        }
        return b.end();
    }

    private static void gap(List<SequenceDiagram.Row> rows, long at, long lastTime) {
        if (at - lastTime > BURST_MICROS) {
            rows.add(new SequenceDiagram.Row(SequenceDiagram.Type.GAP, at, 0, 0, "seq.gap",
                    List.of(SimTime.human(at - lastTime))));
        }
    }

    /** {period, repeats} of the longest-covering repetition of loud bursts starting at {@code i}. */
    private static int[] repetition(List<Burst> loud, int i) {
        int[] best = {1, 1};
        for (int period = 1; period <= MAX_PERIOD && i + period <= loud.size(); period++) {
            int repeats = 1;
            while (i + period * (repeats + 1) <= loud.size() && sameCycle(loud, i, i + period * repeats, period)) {
                repeats++;
            }
            if (repeats >= MIN_REPEATS && period * repeats > best[0] * best[1]) {
                best = new int[] {period, repeats};
            }
        }
        return best;
    }

    private static boolean sameCycle(List<Burst> loud, int a, int b, int period) {
        for (int k = 0; k < period; k++) {
            if (!loud.get(a + k).signature().equals(loud.get(b + k).signature())) {
                return false;
            }
        }
        return true;
    }
}
