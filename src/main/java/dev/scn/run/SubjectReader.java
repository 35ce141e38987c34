package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpState;
import dev.scn.model.Expectation;

import java.util.Map;

/** Reads the current value of an expectation's subject from the running simulation. */
final class SubjectReader {
    private final Simulation sim;
    private final Map<String, TcpSocket> sockets;
    private final Map<String, String> socketHosts;
    private final PacketCounters counters;

    SubjectReader(Simulation sim, Map<String, TcpSocket> sockets, Map<String, String> socketHosts,
                  PacketCounters counters) {
        this.sim = sim;
        this.sockets = sockets;
        this.socketHosts = socketHosts;
        this.counters = counters;
    }

    /** Starts what a subject needs counted from the beginning of the run (per-peer packet counts). */
    void prepare(Expectation.Subject subject) {
        if (subject instanceof Expectation.Subject.PacketCount p && p.peer() != null) {
            counters.watchPeer(Peers.address(sim, p.peer()));
        }
    }

    /** The value as text, the way it is printed in results: a number or a TCP state name. */
    String read(Expectation.Subject subject) {
        return subject.accept(reading);
    }

    private final Expectation.Subject.Visitor<String> reading = new Expectation.Subject.Visitor<>() {
        @Override
        public String netstatCount(Expectation.Subject.NetstatCount s) {
            return Long.toString(sim.machine(s.host()).tcp().count(TcpState.fromNetstatName(s.state())));
        }

        @Override
        public String ipfwDynamic(Expectation.Subject.IpfwDynamic s) {
            return Integer.toString(sim.machine(s.host()).ipfw().map(Ipfw::liveCount).orElse(0));
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
            PacketCounters.Kind kind = PacketCounters.Kind.valueOf(s.kind().name());
            if (s.peer() == null) {
                return Long.toString(counters.count(s.host(), kind));
            }
            return Long.toString(counters.count(s.host(), kind, s.direction() == Expectation.Direction.RECEIVED,
                    Peers.address(sim, s.peer())));
        }

        @Override
        public String sysctlValue(Expectation.Subject.SysctlValue s) {
            // sysctl -n NAME: the validator made sure the host's release has it.
            return Long.toString(sim.machine(s.host()).sysctls().get(s.name()));
        }

        @Override
        public String logLines(Expectation.Subject.LogLines s) {
            long lines = sim.machine(s.host()).ipfw().map(ipfw -> ipfw.logLines().stream()
                    .filter(l -> s.text() == null || l.text().contains(s.text())).count()).orElse(0L);
            return Long.toString(lines);
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

    private static boolean isNumber(String text) {
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
