package dev.scn.report;

import dev.scn.fact.Origin;
import dev.scn.fact.Fact;
import dev.scn.fact.Segment;
import dev.scn.fact.Times;
import dev.scn.run.RunFacts;
import dev.scn.run.RunResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link SequenceDiagram} of a connection from a run's facts and packets (the run must
 * keep packets); it reads fields only. Events closer than {@value #BURST_MICROS} µs form a burst; a
 * run of at least three bursts repeating the same labels is folded into one.
 */
final class SequenceBuilder {
    static final long BURST_MICROS = 1_000_000L;
    private static final int MIN_REPEATS = 3;
    private static final int MAX_PERIOD = 4;

    private SequenceBuilder() {
    }

    /** One event before layout; {@code signature} is what must match for a cycle to repeat. */
    private record Step(long micros, SequenceDiagram.Row row, boolean quiet, Flow flow) {
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

    static SequenceDiagram build(RunResult run, RunResult.Connection c) {
        List<RunFacts.Entry> records = run.facts().about(c.flow());
        long firstKeepalive = records.stream().filter(r -> r.fact() instanceof Fact.KeepaliveSent)
                .mapToLong(RunFacts.Entry::time).min().orElse(Long.MAX_VALUE);
        Map<Long, RunResult.TimedPacket> packets = new HashMap<>();
        for (RunResult.TimedPacket p : run.packets()) {
            packets.put(p.segment().id(), p);
        }
        List<Step> steps = new ArrayList<>();
        String lastLifetime = null;
        for (RunFacts.Entry r : records) {
            int lane = c.host().equals(r.host()) ? SequenceDiagram.CLIENT : SequenceDiagram.TCP;
            SequenceDiagram.Row row = null;
            boolean quiet = false;
            Fact fact = r.fact();
            if (fact instanceof Fact.PacketSent sent) {
                RunResult.TimedPacket p = packets.get(sent.segment().id());
                if (p != null) {
                    row = arrow(r.time(), p, c);
                }
            } else if (fact instanceof Fact.PacketDropped d) {
                row = mark(r.time(), c.host().equals(r.host()) ? SequenceDiagram.CLIENT
                        : d.by() == Fact.DropBy.FIREWALL ? SequenceDiagram.IPFW : lane, "seq.dropped." + d.by().name(),
                        List.of());
            } else if (fact instanceof Fact.StateChange sc) {
                row = sc.forgotten() ? mark(r.time(), lane, "seq.forgotten", List.of(sc.from()))
                        : mark(r.time(), lane, "seq.state", List.of(sc.from(), sc.to()));
            } else if (fact instanceof Fact.TimerArmed a) {
                row = mark(r.time(), lane, "seq.timerArmed", List.of(a.timer().label(), Long.toString(a.millis() / 1000)));
            } else if (fact instanceof Fact.TimerFired t) {
                if (t.outcome() == Fact.TimerOutcome.REARMED) {
                    row = mark(r.time(), lane, "seq.timerRearmed", List.of(t.timer().label(),
                            Long.toString(t.rearmMillis() / 1000)));
                    quiet = true;
                } else {
                    row = mark(r.time(), lane, "seq.timerFired", List.of(t.timer().label()));
                }
            } else if (fact instanceof Fact.RstVerdict v) {
                row = mark(r.time(), lane, "seq.rst." + v.check().name(), List.of());
            } else if (fact instanceof Fact.DynCreated d) {
                row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynCreated", List.of(Integer.toString(d.rule()),
                        Long.toString(d.lifetime()), d.lifetimeSysctl()));
                lastLifetime = d.lifetimeSysctl();
            } else if (fact instanceof Fact.DynRefreshed d) {
                if (r.time() >= firstKeepalive || !d.lifetimeSysctl().equals(lastLifetime)) {
                    row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynRefreshed", List.of(Long.toString(d.lifetime()),
                            d.lifetimeSysctl()));
                    lastLifetime = d.lifetimeSysctl();
                }
            } else if (fact instanceof Fact.DynRemoved d) {
                row = mark(r.time(), SequenceDiagram.IPFW, "seq.dynRemoved." + d.removal().name(), List.of());
            } else if (fact instanceof Fact.IdleReset && r.time() >= firstKeepalive) {
                row = mark(r.time(), lane, "seq.idleReset", List.of());
            }
            if (row != null) {
                steps.add(new Step(r.time(), row, quiet, flowOf(fact, row)));
            }
        }
        return new SequenceDiagram(c.name(), c.host(), c.target(), layout(bursts(foldBulk(steps)), run.endMicros(),
                c.onTarget().state()));
    }

    /** What an arrow carries, for folding a bulk transfer: data, a pure ACK, or anything else. */
    private enum Flow { DATA, ACK, OTHER }

    private static Flow flowOf(Fact fact, SequenceDiagram.Row row) {
        if (!(fact instanceof Fact.PacketSent sent) || row.type() != SequenceDiagram.Type.ARROW
                || !"seq.packet".equals(row.key())) {
            return Flow.OTHER;
        }
        Segment seg = sent.segment();
        if (seg.length() > 0 && !seg.has(Segment.SYN | Segment.FIN | Segment.RST)) {
            return Flow.DATA;
        }
        return seg.length() == 0 && seg.flags() == Segment.ACK ? Flow.ACK : Flow.OTHER;
    }

    /**
     * A bulk transfer drawn as one row: at least {@value #MIN_BULK} data segments one way, with only
     * pure ACKs the other way in between, become "N data segments, first … last (M ACKs)".
     */
    private static List<Step> foldBulk(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            Step first = steps.get(i);
            int data = 0;
            int acks = 0;
            int end = i;
            Step lastData = first;
            if (first.flow() == Flow.DATA) {
                for (int k = i; k < steps.size(); k++) {
                    Step s = steps.get(k);
                    boolean sameWay = s.row().from() == first.row().from() && s.row().to() == first.row().to();
                    if (s.flow() == Flow.DATA && sameWay) {
                        data++;
                        lastData = s;
                        end = k;
                    } else if (s.flow() == Flow.ACK && !sameWay) {
                        acks++;
                    } else {
                        break;
                    }
                }
            }
            if (data < MIN_BULK) {
                out.add(first);
                i++;
                continue;
            }
            // ACKs after the last data segment stay as they are
            for (int k = end + 1; k < steps.size() && steps.get(k).flow() == Flow.ACK; k++) {
                acks--;
            }
            SequenceDiagram.Row row = new SequenceDiagram.Row(SequenceDiagram.Type.ARROW, first.micros(), first.row().from(),
                    first.row().to(), "seq.bulk", List.of(Integer.toString(data), first.row().args().get(0),
                    lastData.row().args().get(0), Integer.toString(acks)));
            out.add(new Step(first.micros(), row, false, Flow.OTHER));
            i = end + 1;
        }
        return out;
    }

    private static final int MIN_BULK = 4;

    private static SequenceDiagram.Row mark(long time, int lane, String key, List<String> args) {
        return new SequenceDiagram.Row(SequenceDiagram.Type.MARK, time, lane, lane, key, args);
    }

    private static SequenceDiagram.Row arrow(long time, RunResult.TimedPacket p, RunResult.Connection c) {
        boolean fromClient = c.host().equals(p.host());
        int from;
        int to;
        String key = "seq.packet";
        if (fromClient) {
            from = SequenceDiagram.CLIENT;
            to = SequenceDiagram.TCP;
        } else if (p.segment().sender() == Origin.IPFW_KEEPALIVE) {
            from = SequenceDiagram.IPFW;
            boolean toSelf = "lo0".equals(p.via());
            to = toSelf ? SequenceDiagram.TCP : SequenceDiagram.CLIENT;
            key = toSelf ? "seq.keepaliveLoopback" : "seq.keepalive";
        } else {
            from = SequenceDiagram.TCP;
            to = SequenceDiagram.CLIENT;
        }
        return new SequenceDiagram.Row(SequenceDiagram.Type.ARROW, time, from, to, key, List.of(p.label()));
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
                List<String> noteArgs = List.of(Times.human(first.start()), Times.human(lastOfFold.end()),
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
                List.of(Times.human(endMicros), endState)));
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
                    List.of(Times.human(at - lastTime))));
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
