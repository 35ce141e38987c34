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
                          Span valueSpan) {

    public enum Mode { AT, WITHIN, ALWAYS }

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

        /** {@code H netstat STATE}: connections of the host in that state. */
        record NetstatCount(String host, String state, Span span, Span hostSpan, Span stateSpan) implements Subject {
        }

        /** {@code H ipfw dynamic}: dynamic rules as {@code ipfw -d show}'s header counts them. */
        record IpfwDynamic(String host, Span span, Span hostSpan) implements Subject {
        }

        /** {@code NAME on H is STATE}: the connection's state on that host, CLOSED when gone. */
        record ConnectionState(String connection, String host, Span span, Span connectionSpan, Span hostSpan)
                implements Subject {
        }

        /** {@code NAME on H exists}: 1 while the host still has the connection, else 0. */
        record ConnectionExists(String connection, String host, Span span, Span connectionSpan, Span hostSpan)
                implements Subject {
        }

        /** {@code H packets keepalive|rst|fin|syn|sent}: packets of that kind the host sent so far. */
        record PacketCount(String host, PacketKind kind, Span span, Span hostSpan) implements Subject {
        }
    }

    public enum PacketKind { KEEPALIVE, RST, FIN, SYN, SENT }
}
