package dev.scn.fact;

import java.util.List;
import java.util.Locale;

/**
 * One typed fact of the causal trace. The record's fields are what happened, with the numbers
 * and the setting that produced them; {@link #render()} words it as the English trace line
 * ({@code --trace}, {@code explain}). Readers use the fields, never the line.
 */
public sealed interface Fact {

    /** The English trace line, built from the fields. */
    String render();

    /** A scenario command, socket call or host event, as the timeline wrote it. */
    record Command(String text) implements Fact {
        public String render() {
            return text;
        }
    }

    /**
     * A sysctl changed: by the administrator ({@code why} null) or by the kernel itself (a clamp,
     * a counter such as dyn_count, with why).
     */
    record SysctlSet(String name, long from, long to, String why) implements Fact {
        public boolean byKernel() {
            return why != null;
        }

        public String render() {
            return why == null ? name + ": " + from + " -> " + to : name + "=" + to + ": " + why;
        }
    }

    /** A segment left its host through an interface. */
    record PacketSent(Segment segment, String via) implements Fact {
        public String render() {
            return "out " + via + ": " + segment.text();
        }
    }

    /** A segment passed ipfw and reached the host's transport layer. */
    record PacketDelivered(Segment segment, String via) implements Fact {
        public String render() {
            return "in " + via + ": " + segment.text();
        }
    }

    /** A segment went no further: where, and why. */
    record PacketDropped(Segment segment, DropBy by, String why) implements Fact {
        public String render() {
            return switch (by) {
                case STRAY_SILENT -> "stray segment dropped silently (" + why + ")";
                case STRAY_RST -> "stray segment answered with RST (" + why + ")";
                default -> by.description() + ": " + segment.text();
            };
        }
    }

    /** Where a segment stopped. The first ones are the network's, the last two the receiving TCP's. */
    enum DropBy {
        HOST_DOWN("host down"),
        INTERFACE_DOWN("interface down"),
        NO_ROUTE("no route to host"),
        LINK_DOWN("link down"),
        BLACKHOLE("blackhole on path"),
        PATH_FILTER("dropped by path filter"),
        LOSS("random loss on link"),
        FIREWALL("denied by ipfw"),
        NOT_LOCAL("not addressed to this host"),
        /** No connection for it, and the host drops such segments (stray drop, net.inet.tcp.blackhole). */
        STRAY_SILENT("stray segment dropped silently"),
        /** No connection for it: the host's TCP answered with RST. */
        STRAY_RST("stray segment answered with RST");

        private final String description;

        DropBy(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * A connection changed state. {@code why} is the engine's short reason; the record that
     * caused the change (a timer, an RST verdict, a segment) is the trace record's cause.
     *
     * @param to        the new state in netstat's spelling, or null when the host forgot the
     *                  connection without a word ({@code forget}, crash)
     */
    record StateChange(String from, String to, String why) implements Fact {
        public boolean forgotten() {
            return to == null;
        }

        public String render() {
            return to == null ? from + " -> (forgotten: state lost silently, nothing sent)"
                    : from + " -> " + to + " (" + why + ")";
        }
    }

    /** A value a timer's duration was computed from: a sysctl or a kernel constant. */
    record Input(String name, long value, String unit) {
        /** The period of tcp_slowtimo's walk of the TIME_WAIT list (5.x-13.x), an input of TIME_WAIT's end. */
        public static final String SLOWTIMO_WALK = "tcp_slowtimo walk";

        public String text() {
            return name + " " + value + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /**
     * A TCP timer was armed.
     *
     * @param rule   how the duration is computed, e.g. {@code maxidle = keepcnt x keepintvl}
     * @param inputs the values it was computed from, in the rule's order
     * @param why    what armed it (our FIN acknowledged, ...), or null
     */
    record TimerArmed(TcpTimer timer, long millis, String rule, List<Input> inputs, String why) implements Fact {
        public String render() {
            return timer.label() + " timer armed for " + millis / 1000 + " s (" + rule + (why == null ? "" : ", " + why)
                    + ")";
        }
    }

    /** What a timer did when it fired. */
    enum TimerOutcome {
        /** Still needed: armed again (the FIN_WAIT_2 re-check). */
        REARMED,
        /** Its work done or its limit reached: the connection closed normally (2MSL, FIN_WAIT_2). */
        CLOSED,
        /** The connection was dropped (ETIMEDOUT): retransmissions, keepalive or connect timeout. */
        DROPPED,
        /** Sent something and stays armed: a retransmission, a window probe, a keepalive probe. */
        SENT
    }

    /**
     * A TCP timer fired.
     *
     * @param idleMillis  time since the last segment received (t_rcvtime), when the timer checks it; else -1
     * @param limitMillis the idle limit it compared with (maxidle), else -1
     * @param rearmMillis when re-armed, for how long; else -1
     * @param nextMicros  when re-armed, the instant of the next check; else -1
     * @param text        the engine's sentence for the English trace
     */
    record TimerFired(TcpTimer timer, TimerOutcome outcome, long idleMillis, long limitMillis, long rearmMillis,
                      long nextMicros, String text) implements Fact {
        public String render() {
            return text;
        }
    }

    /** A segment reached a connection and set its last-received time (t_rcvtime). */
    record IdleReset(long rcvtimeMicros, String state) implements Fact {
        public String render() {
            return "t_rcvtime = " + Times.human(rcvtimeMicros) + " in " + state;
        }
    }

    /** How a synchronized connection's TCP judged an RST. */
    enum RstOutcome {
        /** Acceptable: the connection is reset (or closed in CLOSING/LAST_ACK). */
        ACCEPTED,
        /** In the window but not exact, RFC 5961: answered with a challenge ACK. */
        CHALLENGED,
        /** Ignored: outside the window, or in ESTABLISHED not exact with insecure_rst=0. */
        IGNORED
    }

    /** The test of tcp_input that decided an RST's fate (5.x window check, RFC 5961 on 12.x+). */
    enum RstCheck {
        EXACT("seq == last_ack_sent"),
        IN_WINDOW("seq in [last_ack_sent, last_ack_sent + rcv_wnd)"),
        OUT_OF_WINDOW("seq outside [last_ack_sent, last_ack_sent + rcv_wnd)"),
        INEXACT_CHALLENGED("in window but seq != last_ack_sent (RFC 5961): challenge ACK"),
        INEXACT_IN_ESTABLISHED("in window but seq != last_ack_sent in ESTABLISHED, net.inet.tcp.insecure_rst=0");

        private final String text;

        RstCheck(String text) {
            this.text = text;
        }

        /** The test as the kernel's code words it. */
        public String text() {
            return text;
        }
    }

    /** An RST reached a connection; {@code check} is the test that decided. */
    record RstVerdict(RstOutcome outcome, String state, long seq, long lastAckSent, long window, RstCheck check)
            implements Fact {
        public String render() {
            return "RST seq " + seq + " in " + state + " " + outcome.name().toLowerCase(Locale.ROOT) + ": "
                    + check.text();
        }
    }

    /** A dynamic state was created by a keep-state or limit rule. */
    record DynCreated(int rule, String tuple, long lifetime, String lifetimeSysctl) implements Fact {
        public String render() {
            return String.format(Locale.ROOT, "rule %d STATE %s, expire now+%d s (net.inet.ip.fw.%s)", rule, tuple,
                    lifetime, lifetimeSysctl);
        }
    }

    /**
     * A packet matched a dynamic state and set its expiry.
     *
     * @param lifetime       seconds from now
     * @param lifetimeSysctl the short sysctl name (dyn_ack_lifetime, dyn_fin_lifetime, dyn_rst_lifetime, ...)
     * @param forward        true when the packet went the state's forward way (client to server)
     * @param diesAt         the run's instant (µs) at which the state is dead: expire is counted in whole
     *                       seconds of time_uptime (expire = time_uptime + lifetime), so a packet at 281.08 s
     *                       with a 1 s lifetime leaves a state that dies at 282 s, not 282.08 s
     */
    record DynRefreshed(int rule, long lifetime, String lifetimeSysctl, boolean forward, int stateFlags, long ackFwd,
                        long ackRev, long diesAt) implements Fact {
        public String render() {
            return String.format(Locale.ROOT, "expire now+%d s (net.inet.ip.fw.%s), %s packet, state 0x%x, ack_fwd=%d, "
                    + "ack_rev=%d", lifetime, lifetimeSysctl, forward ? "forward" : "reverse", stateFlags, ackFwd, ackRev);
        }
    }

    /** Why a dynamic state left the table. */
    enum DynRemoval {
        /** Expired, then unlinked by a later lookup walking its bucket (2002 code). */
        REAPED,
        /** Expired, then removed by the one-second sweep (2013 and 2018 code) or install_state's sweep. */
        SWEPT,
        /** Expired, removed to make room under its rule's limit. */
        LIMIT_ROOM,
        /** Its rule was deleted ({@code ipfw delete}, {@code ipfw flush}). */
        RULE_DELETED,
        /** The host lost its state (crash, reboot). */
        STATE_LOST
    }

    /** A dynamic state left the table. {@code why} is the engine's wording of the removal. */
    record DynRemoved(int rule, String tuple, DynRemoval removal, String why) implements Fact {
        public String render() {
            return "rule " + rule + " STATE " + tuple + ": " + why;
        }
    }

    /**
     * ipfw sent a keepalive for a dynamic state.
     *
     * @param toServerSide true for the probe to the state's destination (the server), false for
     *                     the one to the side that opened it
     * @param expiresIn    seconds the state had left when the probe went
     */
    record KeepaliveSent(int rule, boolean toServerSide, long seq, long ack, long expiresIn) implements Fact {
        public String render() {
            return String.format(Locale.ROOT, "rule %d: %s seq %d ack %d, state expires in %d s", rule,
                    toServerSide ? "to the server side" : "to the client side", seq, ack, expiresIn);
        }
    }

    /**
     * A line the kernel wrote to its log.
     *
     * @param tableFull true for ipfw's "Too many dynamic rules" (the state table is full)
     */
    record KernelLog(String text, boolean tableFull) implements Fact {
        public String render() {
            return text;
        }
    }

    /** An application's decision (Apache read the request, closed, ...). */
    record App(String program, String text) implements Fact {
        public String render() {
            return program + ": " + text;
        }
    }
}
