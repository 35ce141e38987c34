package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpState;
import dev.scn.model.Expectation;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads the current value of an expectation's subject from the running simulation. A count
 * (netstat, ipfw dynamic, packets, sysctl, log lines) is read from a counter the run maintains
 * anyway, never by walking a table: an {@code always} or {@code within} line reads it after every
 * event, so a walk of a 30,000-state table there made a run 40 times slower (issue 12).
 */
final class SubjectReader {
    private final Simulation sim;
    private final Map<String, TcpSocket> sockets;
    private final Map<String, String> socketHosts;
    private final PacketCounters counters;
    private final CountRecorder recorder;

    SubjectReader(Simulation sim, Map<String, TcpSocket> sockets, Map<String, String> socketHosts,
                  PacketCounters counters, CountRecorder recorder) {
        this.sim = sim;
        this.sockets = sockets;
        this.socketHosts = socketHosts;
        this.counters = counters;
        this.recorder = recorder;
    }

    /** Starts what a subject needs counted from the beginning of the run (per-peer packet counts). */
    void prepare(Expectation.Subject subject) {
        if (subject instanceof Expectation.Subject.PacketCount p && p.peer() != null) {
            counters.watchPeer(Peers.address(sim, p.peer()));
        }
    }

    /** The value as text, the way it is printed in results: a number or a TCP state name. */
    String read(Expectation.Subject subject) {
        LongSupplier counter = counter(subject);
        return counter != null ? Long.toString(counter.getAsLong()) : subject.accept(reading);
    }

    /**
     * The subject's current value as a number, read in O(1) from a maintained counter (log lines:
     * in the lines logged since the last read); null for a connection's state or existence. The
     * supplier keeps its own position: make one per watched expectation.
     */
    LongSupplier counter(Expectation.Subject subject) {
        return subject.accept(counting);
    }

    private final Expectation.Subject.Visitor<LongSupplier> counting = new Expectation.Subject.Visitor<>() {
        @Override
        public LongSupplier netstatCount(Expectation.Subject.NetstatCount s) {
            // TcpStack keeps connections per state (the counts its StateCountListener is told).
            dev.scn.engine.tcp.TcpStack tcp = sim.machine(s.host()).tcp();
            TcpState state = TcpState.fromNetstatName(s.state());
            return () -> tcp.count(state);
        }

        @Override
        public LongSupplier ipfwDynamic(Expectation.Subject.IpfwDynamic s) {
            String host = s.host();
            return () -> recorder.liveDynamic(host);
        }

        @Override
        public LongSupplier connectionState(Expectation.Subject.ConnectionState s) {
            return null;
        }

        @Override
        public LongSupplier connectionExists(Expectation.Subject.ConnectionExists s) {
            return null;
        }

        @Override
        public LongSupplier packetCount(Expectation.Subject.PacketCount s) {
            PacketCounters.Kind kind = PacketCounters.Kind.valueOf(s.kind().name());
            if (s.peer() == null) {
                return () -> counters.count(s.host(), kind);
            }
            boolean received = s.direction() == Expectation.Direction.RECEIVED;
            int peer = Peers.address(sim, s.peer());
            return () -> counters.count(s.host(), kind, received, peer);
        }

        @Override
        public LongSupplier sysctlValue(Expectation.Subject.SysctlValue s) {
            // sysctl -n NAME: the validator made sure the host's release has it.
            return () -> sim.machine(s.host()).sysctls().get(s.name());
        }

        @Override
        public LongSupplier logLines(Expectation.Subject.LogLines s) {
            return new LongSupplier() {
                private int seen;
                private long matching;

                @Override
                public long getAsLong() {
                    // The log only grows (at most a line a second for a full table): look at the new lines.
                    List<Ipfw.LogLine> lines = sim.machine(s.host()).ipfw().map(Ipfw::logLines).orElse(List.of());
                    for (; seen < lines.size(); seen++) {
                        if (s.text() == null || lines.get(seen).text().contains(s.text())) {
                            matching++;
                        }
                    }
                    return matching;
                }
            };
        }
    };

    private final Expectation.Subject.Visitor<String> reading = new Expectation.Subject.Visitor<>() {
        @Override
        public String netstatCount(Expectation.Subject.NetstatCount s) {
            throw new IllegalStateException("a count: read by counter()");
        }

        @Override
        public String ipfwDynamic(Expectation.Subject.IpfwDynamic s) {
            throw new IllegalStateException("a count: read by counter()");
        }

        @Override
        public String connectionState(Expectation.Subject.ConnectionState s) {
            TcpConnection connection = find(s.connection(), s.host());
            return connection == null ? TcpState.CLOSED.netstatName() : connection.state().netstatName();
        }

        @Override
        public String connectionExists(Expectation.Subject.ConnectionExists s) {
            return find(s.connection(), s.host()) == null ? "0" : "1";
        }

        @Override
        public String packetCount(Expectation.Subject.PacketCount s) {
            throw new IllegalStateException("a count: read by counter()");
        }

        @Override
        public String sysctlValue(Expectation.Subject.SysctlValue s) {
            throw new IllegalStateException("a count: read by counter()");
        }

        @Override
        public String logLines(Expectation.Subject.LogLines s) {
            throw new IllegalStateException("a count: read by counter()");
        }
    };

    /** The named connection as the host sees it (either end), or null when it has none. */
    private TcpConnection find(String name, String hostName) {
        TcpSocket socket = sockets.get(name);
        if (socket == null) {
            return null;
        }
        Machine machine = sim.machine(hostName);
        return machine.tcp().connection(socket.connection().flow());
    }

    /** Whether {@code actual op expected} holds; states compare by name, numbers as numbers. */
    static boolean holds(Expectation.Op op, String actual, String expected) {
        if (isNumber(actual) && isNumber(expected)) {
            return op.test(Long.parseLong(actual), Long.parseLong(expected));
        }
        boolean equal = TcpStateNames.same(actual, expected);
        return switch (op) {
            case EQ, IS -> equal;
            case NE -> !equal;
            case LT, LE, GT, GE -> false;
        };
    }

    /** A plain decimal that fits a long: such values compare as numbers. */
    static boolean isNumber(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i)) && !(i == 0 && text.charAt(i) == '-')) {
                return false;
            }
        }
        return text.length() < 19;
    }

    /** TCP state names compare in netstat's spelling, whatever case or SYN_RECEIVED form was written. */
    static final class TcpStateNames {
        private TcpStateNames() {
        }

        static boolean same(String a, String b) {
            return canonical(a).equals(canonical(b));
        }

        static String canonical(String name) {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals("TRUE")) {
                return "1";
            }
            if (upper.equals("FALSE")) {
                return "0";
            }
            try {
                return TcpState.fromNetstatName(upper).netstatName();
            } catch (IllegalArgumentException e) {
                return upper;
            }
        }
    }
}
