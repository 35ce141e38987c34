package dev.scn.report;

import dev.scn.fact.Fact;
import dev.scn.fact.Origin;
import dev.scn.fact.Segment;
import dev.scn.run.HostEnd;
import dev.scn.run.RunFacts;
import dev.scn.run.RunResult;

import java.util.List;

/**
 * The causal chain of one named connection in one run, read from the run's facts: how it ended
 * (an RST and what drew it, a timer and what set it, a normal close) or what kept it alive (ipfw
 * keepalives, how often, what each answer refreshed). Every number comes from a recorded fact.
 */
final class ConnectionStory {
    private final RunResult run;
    private final RunResult.Connection c;
    private final RunFacts facts;
    private final List<RunFacts.Entry> about;
    private final Paragraphs out;

    private ConnectionStory(RunResult run, RunResult.Connection c, Paragraphs out) {
        this.run = run;
        this.c = c;
        this.facts = run.facts();
        this.about = facts.about(c.flow());
        this.out = out;
    }

    static void tell(RunResult run, RunResult.Connection c, Paragraphs out) {
        new ConnectionStory(run, c, out).tell();
    }

    private void tell() {
        RunResult.End server = c.onTarget();
        if (!server.existed()) {
            neverEstablished();
            return;
        }
        if ("CLOSED".equals(server.state())) {
            out.heading("story.ended", c.name(), c.host(), c.target(), secs(server.since()));
            lateSyn();
            forgotten();
            flushed();
            RunFacts.Entry close = lastStateChange(c.target());
            endedBy(close);
        } else {
            out.heading("story.alive", c.name(), c.host(), c.target(), server.state(), secs(server.since()),
                    Format.seconds(run.endMicros()));
            lateSyn();
            forgotten();
            flushed();
            timerArmed();
            keptAlive();
            dynamicAtEnd();
        }
        RunResult.End client = c.onHost();
        if (client.existed() && !"CLOSED".equals(client.state())) {
            out.step("story.clientState", c.host(), client.state(), secs(client.since()));
            untimedFinWait2(client);
        }
    }

    /**
     * The connection got through, but not with its first SYN: how many the opener sent, when the
     * first and the answered one left, and where the first lost one stopped.
     */
    private void lateSyn() {
        List<RunFacts.Entry> syns = openingSyns();
        if (syns.size() < 2) {
            return;
        }
        out.step("story.lateSyn", c.host(), syns.size(), secs(syns.get(0).time()),
                secs(syns.get(syns.size() - 1).time()));
        firstDrop();
    }

    /** The SYNs the opener sent (first attempt and retransmissions), in time order. */
    private List<RunFacts.Entry> openingSyns() {
        return about.stream().filter(e -> c.host().equals(e.host())
                && e.fact() instanceof Fact.PacketSent p && p.segment().has(Segment.SYN)
                && !p.segment().has(Segment.ACK)).toList();
    }

    /** Where the connection's first lost segment stopped, if one was lost. */
    private void firstDrop() {
        about.stream().filter(e -> e.fact() instanceof Fact.PacketDropped).findFirst().ifPresent(e -> {
            Fact.PacketDropped d = (Fact.PacketDropped) e.fact();
            out.step("story.dropped." + d.by().name(), secs(e.time()), e.host() == null ? "" : e.host());
        });
    }

    /** The target never had the connection: SYNs sent, and where they stopped. */
    private void neverEstablished() {
        List<RunFacts.Entry> syns = openingSyns();
        out.heading("story.never", c.name(), c.host(), c.target(), syns.size(),
                syns.isEmpty() ? "0" : secs(syns.get(0).time()));
        firstDrop();
        about.stream().filter(e -> e.fact() instanceof Fact.TimerFired t
                && t.outcome() == Fact.TimerOutcome.DROPPED && c.host().equals(e.host())).findFirst()
                .ifPresent(e -> out.step("story.gaveUp." + ((Fact.TimerFired) e.fact()).timer().name(), c.host(),
                        secs(e.time())));
    }

    /** The opening host dropped its end without a word ({@code forget}). */
    private void forgotten() {
        about.stream().filter(e -> c.host().equals(e.host()) && e.fact() instanceof Fact.StateChange s && s.forgotten())
                .findFirst().ifPresent(e -> {
                    long silent = strays(e.time(), Fact.DropBy.STRAY_SILENT);
                    long answered = strays(e.time(), Fact.DropBy.STRAY_RST);
                    out.step(silent > 0 ? "story.forgotten.drop" : answered > 0 ? "story.forgotten"
                            : "story.forgotten.quiet", c.host(), secs(e.time()), silent > 0 ? silent : answered);
                });
    }

    /** Segments of the connection that reached the opening host after {@code after} and found no connection. */
    private long strays(long after, Fact.DropBy by) {
        return about.stream().filter(x -> c.host().equals(x.host()) && x.time() > after
                && x.fact() instanceof Fact.PacketDropped d && d.by() == by).count();
    }

    /** A rule deletion or flush removed the connection's dynamic state. */
    private void flushed() {
        about.stream().filter(e -> e.fact() instanceof Fact.DynRemoved r && r.removal() == Fact.DynRemoval.RULE_DELETED)
                .findFirst().ifPresent(e -> {
                    Fact.DynRemoved r = (Fact.DynRemoved) e.fact();
                    RunFacts.Entry command = facts.firstInChain(e.id(), Fact.Command.class);
                    long keepalivesAfter = about.stream().filter(x -> x.time() > e.time()
                            && x.fact() instanceof Fact.KeepaliveSent).count();
                    out.step("story.flushed", secs(e.time()), e.host(), r.rule(),
                            command == null ? "ipfw" : ((Fact.Command) command.fact()).text(), keepalivesAfter);
                });
    }

    /** What closed the target's end: an RST (and what drew it), a timer, or the normal close. */
    private void endedBy(RunFacts.Entry close) {
        if (close == null) {
            return;
        }
        RunFacts.Entry verdict = facts.firstInChain(close.id(), Fact.RstVerdict.class);
        if (verdict != null) {
            endedByRst(verdict);
            return;
        }
        RunFacts.Entry fired = facts.firstInChain(close.id(), Fact.TimerFired.class);
        if (fired != null) {
            Fact.TimerFired t = (Fact.TimerFired) fired.fact();
            RunFacts.Entry armed = lastBefore(c.target(), Fact.TimerArmed.class, fired.time());
            if (t.timer() == dev.scn.fact.TcpTimer.TIME_WAIT) {
                out.step(walkPeriod(armed) > 0 ? "story.timeWaitOverWalk" : "story.timeWaitOver", c.target(),
                        secs(fired.time()), armed == null ? "?"
                        : Long.toString(((Fact.TimerArmed) armed.fact()).millis() / 1000), inputs(armed));
                return;
            }
            timerArmed();
            keepalivesStopped();
            RunFacts.Entry reset = lastBefore(c.target(), Fact.IdleReset.class, fired.time());
            boolean byKeepalive = reset != null && segmentOrigin(reset) == Origin.IPFW_KEEPALIVE;
            // tcp_timer_keep drops at idle >= keepidle + maxidle (5.4 tcp_timer.c): "more than" would be false at equality
            boolean atLimit = !byKeepalive && t.idleMillis() >= 0 && t.idleMillis() == t.limitMillis();
            out.step(byKeepalive ? "story.timerClosed.keepalive" : atLimit ? "story.timerClosed.atLimit" : "story.timerClosed",
                    t.timer().label(), secs(fired.time()), t.idleMillis() < 0 ? "?"
                    : Format.seconds(t.idleMillis() * 1000), t.limitMillis() < 0 ? "?"
                    : Format.seconds(t.limitMillis() * 1000), reset == null ? "?" : secs(reset.time()));
            return;
        }
        Fact.StateChange s = (Fact.StateChange) close.fact();
        out.step("story.closedNormally", c.target(), s.from(), secs(close.time()));
    }

    private void endedByRst(RunFacts.Entry verdictEntry) {
        Fact.RstVerdict v = (Fact.RstVerdict) verdictEntry.fact();
        RunFacts.Entry delivered = facts.firstInChain(verdictEntry.id(), Fact.PacketDelivered.class);
        RunFacts.Entry sent = delivered == null ? null : facts.byId(delivered.cause());
        String sender = sent == null || sent.host() == null ? "?" : sent.host();
        challenged(verdictEntry.time());
        if (delivered != null && ((Fact.PacketDelivered) delivered.fact()).segment().sender() == Origin.INJECTED) {
            // an `inject` line: no host sent it, the scenario forged it
            out.step("story.rstInjected." + v.check().name(), c.target(), secs(verdictEntry.time()), v.state());
            return;
        }
        out.step("story.rstAccepted." + v.check().name(), sender, secs(sent == null ? verdictEntry.time() : sent.time()), c.target(),
                secs(verdictEntry.time()), v.state());
        if (sent == null) {
            return;
        }
        // what drew the RST: a stray segment the sender had no connection for, and who sent that
        RunFacts.Entry stray = facts.firstInChain(sent.id(), Fact.PacketDropped.class);
        RunFacts.Entry probe = stray == null ? null : facts.firstInChain(stray.id(), Fact.PacketDelivered.class);
        RunFacts.Entry keepalive = probe == null ? null : facts.firstInChain(probe.id(), Fact.KeepaliveSent.class);
        if (keepalive != null) {
            Fact.KeepaliveSent k = (Fact.KeepaliveSent) keepalive.fact();
            out.step("story.rstDrawnByKeepalive", sender, secs(probe.time()), k.rule(), keepalive.host(),
                    secs(keepalive.time()), k.expiresIn());
        } else if (stray != null) {
            out.step("story.rstDrawnByStray", sender, secs(stray.time()));
        }
        about.stream().filter(e -> e.time() >= verdictEntry.time() && e.fact() instanceof Fact.DynRefreshed r
                && "dyn_rst_lifetime".equals(r.lifetimeSysctl())).findFirst().ifPresent(e -> {
                    Fact.DynRefreshed r = (Fact.DynRefreshed) e.fact();
                    out.step("story.rstLifetime", r.rule(), e.host(), secs(e.time()), r.lifetime(),
                            "net.inet.ip.fw." + r.lifetimeSysctl(), secs(r.diesAt()));
                });
    }

    /** RSTs in the window but not exact that the target answered with a challenge ACK (RFC 5961) before. */
    private void challenged(long before) {
        List<RunFacts.Entry> challenged = about.stream().filter(e -> c.target().equals(e.host()) && e.time() < before
                && e.fact() instanceof Fact.RstVerdict r && r.outcome() == Fact.RstOutcome.CHALLENGED).toList();
        if (!challenged.isEmpty()) {
            out.step("story.rstChallenged", c.target(), challenged.size(), secs(challenged.get(0).time()),
                    secs(challenged.get(challenged.size() - 1).time()));
        }
    }

    /** The idle timer of the target's end as last armed: duration and what it was computed from. */
    /**
     * The opener's end sits in FIN_WAIT_2 and the run recorded no FIN_WAIT_2 timer for it since it
     * got there: nothing will ever end it (the half-closed socket of issue 10's library).
     */
    private void untimedFinWait2(RunResult.End client) {
        if (!"FIN_WAIT_2".equals(client.state())) {
            return;
        }
        boolean armed = about.stream().anyMatch(e -> c.host().equals(e.host()) && e.time() >= client.since()
                && e.fact() instanceof Fact.TimerArmed t && t.timer() == dev.scn.fact.TcpTimer.FIN_WAIT_2);
        if (!armed) {
            out.step("story.finWait2NoTimer", c.host(), secs(client.since()), Format.seconds(run.endMicros()));
        }
    }

    private void timerArmed() {
        RunFacts.Entry armed = lastBefore(c.target(), Fact.TimerArmed.class, Long.MAX_VALUE);
        if (armed != null) {
            Fact.TimerArmed a = (Fact.TimerArmed) armed.fact();
            out.step("story.timerArmed", a.timer().label(), secs(armed.time()), a.millis() / 1000, a.rule(), inputs(armed));
        }
    }

    /** ipfw's keepalives for the state, their answers, and what those answers reset. */
    private void keptAlive() {
        List<RunFacts.Entry> probes = about.stream().filter(e -> e.fact() instanceof Fact.KeepaliveSent).toList();
        if (probes.isEmpty()) {
            out.step("story.noKeepalive", c.target());
            nextCheck();
            return;
        }
        RunFacts.Entry first = probes.get(0);
        Fact.KeepaliveSent k = (Fact.KeepaliveSent) first.fact();
        List<RunFacts.Entry> toServer = probes.stream().filter(e -> ((Fact.KeepaliveSent) e.fact()).toServerSide()).toList();
        List<RunFacts.Entry> rounds = toServer.isEmpty() ? probes : toServer;
        long period = rounds.size() < 2 ? 0
                : (rounds.get(rounds.size() - 1).time() - rounds.get(0).time()) / (rounds.size() - 1);
        out.step("story.keepalives", k.rule(), first.host(), rounds.size(), probes.size(), secs(first.time()),
                Format.seconds(period), setting(first.host(), "net.inet.ip.fw.dyn_keepalive"), k.expiresIn());
        era(first.host());
        List<RunFacts.Entry> refreshes = about.stream().filter(e -> e.time() >= first.time()
                && e.fact() instanceof Fact.DynRefreshed).toList();
        if (!refreshes.isEmpty()) {
            Fact.DynRefreshed r = (Fact.DynRefreshed) refreshes.get(refreshes.size() - 1).fact();
            long byServer = refreshes.stream().filter(e -> !((Fact.DynRefreshed) e.fact()).forward()).count();
            out.step("story.refresh", refreshes.size(), byServer, c.target(), r.lifetime(),
                    "net.inet.ip.fw." + r.lifetimeSysctl(), secs(refreshes.get(refreshes.size() - 1).time()));
        }
        long resets = about.stream().filter(e -> c.target().equals(e.host()) && e.time() >= first.time()
                && e.fact() instanceof Fact.IdleReset).count();
        long rearmed = about.stream().filter(e -> c.target().equals(e.host()) && e.fact() instanceof Fact.TimerFired t
                && t.outcome() == Fact.TimerOutcome.REARMED).count();
        // An ESTABLISHED connection has no FIN_WAIT_2 timer, and its keepalive timer may never fire:
        // "found a recent segment at each check" would tell of checks that never happened.
        long fired = about.stream().filter(e -> c.target().equals(e.host()) && e.fact() instanceof Fact.TimerFired t
                && t.timer() != dev.scn.fact.TcpTimer.RETRANSMIT && t.timer() != dev.scn.fact.TcpTimer.DELAYED_ACK
                && t.timer() != dev.scn.fact.TcpTimer.PERSIST).count();
        out.step(fired == 0 ? "story.idle.noCheck" : "story.idle", c.target(), resets, rearmed);
        nextCheck();
    }

    /**
     * Keepalives went, yet the connection timed out: how many, the state's last refresh and when it
     * left the table, and the ipfw code that decides when an answer refreshes.
     */
    private void keepalivesStopped() {
        List<RunFacts.Entry> probes = about.stream().filter(e -> e.fact() instanceof Fact.KeepaliveSent).toList();
        if (probes.isEmpty()) {
            return;
        }
        RunFacts.Entry first = probes.get(0);
        RunFacts.Entry refresh = null;
        RunFacts.Entry removed = null;
        for (RunFacts.Entry e : about) {
            if (e.fact() instanceof Fact.DynRefreshed) {
                refresh = e;
            } else if (e.fact() instanceof Fact.DynRemoved) {
                removed = e;
            }
        }
        out.step("story.keepalivesStopped", ((Fact.KeepaliveSent) first.fact()).rule(), first.host(), probes.size(),
                secs(first.time()), secs(probes.get(probes.size() - 1).time()));
        era(first.host());
        if (refresh != null) {
            Fact.DynRefreshed r = (Fact.DynRefreshed) refresh.fact();
            out.step(removed == null ? "story.lastRefresh.kept" : "story.lastRefresh", secs(refresh.time()), r.lifetime(),
                    "net.inet.ip.fw." + r.lifetimeSysctl(), secs(r.diesAt()),
                    removed == null ? "" : secs(removed.time()));
        }
    }

    /** Names the generation of ipfw's dynamic-rule code that ran on the host. */
    private void era(String host) {
        HostEnd h = run.hosts().get(host);
        if (h != null && h.hasIpfw()) {
            out.step("story.era." + h.ipfwCode(), h.release());
        }
    }

    /** The engine's own "next check at": the last re-arm of the target's timer. */
    private void nextCheck() {
        RunFacts.Entry last = lastBefore(c.target(), Fact.TimerFired.class, Long.MAX_VALUE);
        if (last != null && last.fact() instanceof Fact.TimerFired t && t.outcome() == Fact.TimerOutcome.REARMED) {
            out.step("story.nextCheck", t.timer().label(), secs(last.time()), Format.seconds(t.idleMillis() * 1000),
                    Format.seconds(t.limitMillis() * 1000), secs(t.nextMicros()));
        }
    }

    private void dynamicAtEnd() {
        HostEnd host = run.hosts().get(c.target());
        if (host == null) {
            return;
        }
        host.dynamic().stream().filter(d -> d.flow().equals(c.flow())).findFirst().ifPresentOrElse(
                d -> out.step(d.dead() ? "story.dynDead" : "story.dynAlive", d.rule(), c.target(), d.remaining()),
                () -> {
                    if (host.hasIpfw()) {
                        out.step("story.dynNone", c.target());
                    }
                });
    }

    // ---- reading facts ----

    private RunFacts.Entry lastStateChange(String host) {
        return lastBefore(host, Fact.StateChange.class, Long.MAX_VALUE);
    }

    private RunFacts.Entry lastBefore(String host, Class<? extends Fact> type, long time) {
        RunFacts.Entry found = null;
        for (RunFacts.Entry e : about) {
            if (e.time() <= time && host.equals(e.host()) && type.isInstance(e.fact())) {
                found = e;
            }
        }
        return found;
    }

    /** Who made the segment behind an idle reset (an ipfw keepalive, a TCP), or null when not traced. */
    private Origin segmentOrigin(RunFacts.Entry reset) {
        RunFacts.Entry delivered = facts.firstInChain(reset.id(), Fact.PacketDelivered.class);
        return delivered == null ? null : ((Fact.PacketDelivered) delivered.fact()).segment().sender();
    }

    /** The period of tcp_slowtimo's TIME_WAIT walk among a timer's inputs (5.x-13.x), or 0. */
    static long walkPeriod(RunFacts.Entry armed) {
        if (armed == null) {
            return 0;
        }
        return ((Fact.TimerArmed) armed.fact()).inputs().stream().filter(i -> i.name().equals(Fact.Input.SLOWTIMO_WALK))
                .mapToLong(Fact.Input::value).findFirst().orElse(0);
    }

    private String inputs(RunFacts.Entry armed) {
        if (armed == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Fact.Input i : ((Fact.TimerArmed) armed.fact()).inputs()) {
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(i.name()).append(" = ").append(i.value()).append(i.unit().isEmpty() ? "" : " " + i.unit());
        }
        return b.toString();
    }

    private String setting(String host, String name) {
        HostEnd h = run.hosts().get(host);
        return h == null ? "?" : h.sysctls().stream().filter(s -> s.name().equals(name)).findFirst()
                .map(s -> Long.toString(s.value())).orElse("?");
    }

    private static String secs(long micros) {
        return Format.seconds(micros);
    }
}
