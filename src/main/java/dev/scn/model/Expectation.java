package dev.scn.model;

/**
 * {@code expect SUBJECT OP VALUE}, checked at the line's instant ({@link Mode#AT}), at some
 * instant within a window ({@link Mode#WITHIN}) or at every event from the instant on
 * ({@link Mode#ALWAYS}).
 *
 * @param withinMicros for WITHIN: how long it has to become true
 * @param value        a number, or for {@code is} a TCP state name as netstat prints it
 */
public record Expectation(Mode mode, long withinMicros, Subject subject, Op op, String value, Span span,
                          Span valueSpan, When when) {

    /** An expectation without a {@link When}: AT, WITHIN or ALWAYS. */
    public Expectation(Mode mode, long withinMicros, Subject subject, Op op, String value, Span span, Span valueSpan) {
        this(mode, withinMicros, subject, op, value, span, valueSpan, null);
    }

    /**
     * AT, WITHIN, ALWAYS as above; WHEN watches from the line's instant to the end of the run for
     * the instant the comparison changes as {@link When#edge()} says, and holds when that instant
     * is within the tolerance of the one written.
     */
    public enum Mode { AT, WITHIN, ALWAYS, WHEN }

    /**
     * {@code c1 on server leaves FIN_WAIT_2 at 675.36s ± 1s}, {@code c1 on server enters CLOSED at ...},
     * {@code server packets rst >= 1 first at ...}.
     *
     * @param edge            which change of the comparison is the instant looked for
     * @param instantMicros   the instant written
     * @param toleranceMicros how far the observed instant may be from it (0: exactly)
     */
    public record When(Edge edge, long instantMicros, long toleranceMicros, Span instantSpan) {
    }

    /**
     * FIRST_HOLDS ({@code first at}): the first instant the comparison holds. ENTERS: the first
     * instant it holds after not having held. LEAVES: the first instant it stops holding after
     * having held. A connection not yet opened, or gone, reads CLOSED.
     */
    public enum Edge { FIRST_HOLDS, ENTERS, LEAVES }

    /** Comparison operators; IS compares a connection's state. */
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IS("is");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(long actual, long expected) {
            return switch (this) {
                case EQ, IS -> actual == expected;
                case NE -> actual != expected;
                case LT -> actual < expected;
                case LE -> actual <= expected;
                case GT -> actual > expected;
                case GE -> actual >= expected;
            };
        }
    }

    /** What is measured. */
    public sealed interface Subject {
        Span span();

        /** Dispatch over every kind of subject: a new kind does not compile until each consumer handles it. */
        <R> R accept(Visitor<R> visitor);

        /** One method per kind of subject. */
        interface Visitor<R> {
            R netstatCount(NetstatCount s);

            R ipfwDynamic(IpfwDynamic s);

            R connectionState(ConnectionState s);

            R connectionExists(ConnectionExists s);

            R packetCount(PacketCount s);

            R sysctlValue(SysctlValue s);

            R logLines(LogLines s);
        }

        /** {@code H netstat STATE}: connections of the host in that state. */
        record NetstatCount(String host, String state, Span span, Span hostSpan, Span stateSpan) implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.netstatCount(this);
            }
        }

        /** {@code H ipfw dynamic}: dynamic rules as {@code ipfw -d show}'s header counts them. */
        record IpfwDynamic(String host, Span span, Span hostSpan) implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.ipfwDynamic(this);
            }
        }

        /** {@code NAME on H is STATE}: the connection's state on that host, CLOSED when gone. */
        record ConnectionState(String connection, String host, Span span, Span connectionSpan, Span hostSpan)
                implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.connectionState(this);
            }
        }

        /** {@code NAME on H exists}: 1 while the host still has the connection, else 0. */
        record ConnectionExists(String connection, String host, Span span, Span connectionSpan, Span hostSpan)
                implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.connectionExists(this);
            }
        }

        /**
         * {@code H packets keepalive|rst|fin|syn|sent [to P | from P]}: packets of that kind the host
         * sent so far; with {@code to P} only those addressed to P, with {@code from P} instead those
         * the host received from P. P is a host's name or an address.
         *
         * @param peer      null for every peer
         * @param direction SENT for the host's own packets (with or without a peer), RECEIVED for {@code from}
         */
        record PacketCount(String host, PacketKind kind, Direction direction, String peer, Span span, Span hostSpan,
                           Span peerSpan) implements Subject {
            /** Every packet of that kind the host sent. */
            public PacketCount(String host, PacketKind kind, Span span, Span hostSpan) {
                this(host, kind, Direction.SENT, null, span, hostSpan, null);
            }

            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.packetCount(this);
            }
        }

        /**
         * {@code H sysctl NAME}: a numeric sysctl as {@code sysctl -n NAME} prints it, read-only ones
         * included ({@code net.inet.ip.fw.dyn_count}).
         */
        record SysctlValue(String host, String name, Span span, Span hostSpan, Span nameSpan) implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.sysctlValue(this);
            }
        }

        /**
         * {@code H log ["TEXT"]}: kernel log lines the host wrote so far (what syslog would put in
         * /var/log/messages), only those containing TEXT when given.
         */
        record LogLines(String host, String text, Span span, Span hostSpan) implements Subject {
            @Override
            public <R> R accept(Visitor<R> visitor) {
                return visitor.logLines(this);
            }
        }
    }

    /** Sent by the host, or received by it. */
    public enum Direction { SENT, RECEIVED }

    public enum PacketKind { KEEPALIVE, RST, FIN, SYN, SENT }
}
