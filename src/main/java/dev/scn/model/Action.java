package dev.scn.model;

/**
 * What a timeline line does. Host and connection names are as written; the validator checks
 * they exist.
 */
public sealed interface Action {

    /** Dispatch over every action: a new action does not compile until each consumer handles it. */
    <R> R accept(Visitor<R> visitor);

    /** One method per action. */
    interface Visitor<R> {
        R connect(Connect a);

        R send(Send a);

        R recv(Recv a);

        R shutdown(Shutdown a);

        R close(Close a);

        R abort(Abort a);

        R forget(Forget a);

        R hostEvent(HostEvent a);

        R sysctl(Sysctl a);

        R ipfw(Ipfw a);

        R ifconfig(Ifconfig a);

        R linkState(LinkState a);

        R inject(Inject a);

        R sample(Sample a);

        R show(Show a);

        R expect(Expect a);
    }

    /** {@code H connect H2:PORT as NAME}. */
    record Connect(String host, String target, int port, String name, Span hostSpan, Span targetSpan, Span nameSpan)
            implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.connect(this);
        }
    }

    /** {@code NAME send SIZE}. */
    record Send(String connection, long bytes, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.send(this);
        }
    }

    /** {@code NAME recv}: read what is waiting. */
    record Recv(String connection, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recv(this);
        }
    }

    /** {@code NAME shutdown}. */
    record Shutdown(String connection, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.shutdown(this);
        }
    }

    /** {@code NAME close}. */
    record Close(String connection, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.close(this);
        }
    }

    /** {@code NAME abort}: close with SO_LINGER 0, RST. */
    record Abort(String connection, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.abort(this);
        }
    }

    /** {@code H forget NAME}: the state vanishes silently. */
    record Forget(String host, String connection, Span hostSpan, Span connectionSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.forget(this);
        }
    }

    /** {@code H crash|reboot|down|up}. */
    record HostEvent(String host, Kind kind, Span hostSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hostEvent(this);
        }
        public enum Kind { CRASH, REBOOT, DOWN, UP }
    }

    /** {@code on H sysctl NAME=VALUE}. */
    record Sysctl(String host, String name, long value, Span hostSpan, Span nameSpan, Span valueSpan)
            implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sysctl(this);
        }
    }

    /** {@code on H ipfw ...}. */
    record Ipfw(String host, HostDecl.IpfwLine line, Span hostSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ipfw(this);
        }
    }

    /** {@code on H ifconfig IF down|up}. */
    record Ifconfig(String host, String interfaceName, boolean up, Span hostSpan, Span interfaceSpan)
            implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ifconfig(this);
        }
    }

    /** {@code link A B down|up}. */
    record LinkState(String a, String b, boolean up, Span aSpan, Span bSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.linkState(this);
        }
    }

    /**
     * {@code inject A:P->B:Q tcp [FLAGS] seq S ack A [win W] [len L]}, or bound to a connection:
     * {@code inject NAME to H tcp [FLAGS] seq rcv_nxt+N ack snd_nxt ...}.
     *
     * @param connection the connection it is bound to, or null; then from/to/ports come from the
     *                   connection when the line runs and {@code from} is null here
     * @param from       a host's name or an address (a spoofed source); null when bound
     * @param to         a host's name (or an address when not bound)
     */
    record Inject(String connection, String from, int fromPort, String to, int toPort, int tcpFlags, SeqValue seq,
                  SeqValue ack, int window, int length, Span connectionSpan, Span fromSpan, Span toSpan)
            implements Action {
        /** A free injection with absolute numbers. */
        public Inject(String from, int fromPort, String to, int toPort, int tcpFlags, long seq, long ack, int window,
                      int length, Span fromSpan, Span toSpan) {
            this(null, from, fromPort, to, toPort, tcpFlags, SeqValue.absolute(seq), SeqValue.absolute(ack), window,
                    length, null, fromSpan, toSpan);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.inject(this);
        }
    }

    /**
     * A sequence or acknowledgment number: absolute, or relative to one of the receiving end's
     * variables ({@code rcv_nxt}, {@code snd_nxt}, {@code snd_una}) when the line runs, modulo 2^32.
     */
    record SeqValue(Base base, long offset, Span span) {
        public enum Base { ABSOLUTE, RCV_NXT, SND_NXT, SND_UNA }

        public static SeqValue absolute(long value) {
            return new SeqValue(Base.ABSOLUTE, value, null);
        }

        /** The number on the wire, given the receiving end's variables (unused when absolute). */
        public long resolve(long rcvNxt, long sndNxt, long sndUna) {
            long base = switch (this.base) {
                case ABSOLUTE -> 0;
                case RCV_NXT -> rcvNxt;
                case SND_NXT -> sndNxt;
                case SND_UNA -> sndUna;
            };
            return (base + offset) & 0xffffffffL;
        }
    }

    /** {@code sample H}: record netstat and ipfw -d show for reports. */
    record Sample(String host, Span hostSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sample(this);
        }
    }

    /** {@code show H netstat|ipfw|sysctl [PATTERN]}. */
    record Show(String host, Tool tool, String pattern, Span hostSpan) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.show(this);
        }
        public enum Tool { NETSTAT, IPFW, SYSCTL }
    }

    /** An expectation; see {@link Expectation}. */
    record Expect(Expectation expectation) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expect(this);
        }
    }
}
