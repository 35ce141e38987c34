package dev.scn.drill;

import dev.scn.engine.Machine;
import dev.scn.engine.os.Sysctls;
import dev.scn.engine.tcp.TcpState;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands FreeBSD's TCP test suite runs between packets, answered from the simulated
 * host: {@code sysctl -w}, {@code sockstat … | grep -c STATE | grep N}, {@code tcpdrop -s STATE}
 * and {@code setkey -F}. Any other command is refused, so a script never passes on a command
 * scn only pretended to run.
 */
final class ShellEscapes {
    private static final Pattern SYSCTL = Pattern.compile("sysctl -w ([a-z0-9_.]+)=(-?\\d+)");
    private static final Pattern SOCKSTAT = Pattern.compile(
            "sockstat -4 -P tcp(?<opts>(?: -s| -p \\d+)+)(?<own> \\| grep packetdril)? \\| grep -c (?<state>[A-Z_0-9]+) \\| grep (?<count>\\d+)");
    private static final Pattern PORT = Pattern.compile("-p (\\d+)");
    private static final Pattern TCPDROP = Pattern.compile("tcpdrop -s ([A-Z_0-9]+)");

    /** The script's own sockets: what {@code grep packetdril} keeps of sockstat's lines. */
    interface ScriptSockets {
        /** The TCP state (sockstat's name) of each socket the script holds open. */
        List<String> openSocketStates();
    }

    private final Machine machine;
    private final ScriptSockets scriptSockets;

    ShellEscapes(Machine machine, ScriptSockets scriptSockets) {
        this.machine = machine;
        this.scriptSockets = scriptSockets;
    }

    /**
     * Runs a command at the current instant.
     *
     * @return null when it exited 0, else what went wrong (packetdrill then stops the script)
     */
    String run(String command) {
        String line = command.strip().replaceAll("\\s+", " ");
        Matcher m = SYSCTL.matcher(line);
        if (m.matches()) {
            return sysctl(m.group(1), Long.parseLong(m.group(2)));
        }
        m = SOCKSTAT.matcher(line);
        if (m.matches()) {
            return sockstat(m);
        }
        m = TCPDROP.matcher(line);
        if (m.matches()) {
            return tcpdrop(m.group(1));
        }
        if (line.equals("setkey -F")) {
            // No IPsec security associations are modelled: flushing an empty database succeeds.
            return null;
        }
        return "command not supported by scn drill";
    }

    private String sysctl(String name, long value) {
        if (!machine.sysctls().exists(name)) {
            return "sysctl: unknown oid '" + name + "'";
        }
        try {
            machine.sysctl(name, value);
            return null;
        } catch (Sysctls.SysctlException e) {
            return "sysctl: " + e.getMessage();
        }
    }

    /**
     * sockstat lists every TCP pcb, syncache entries included on releases whose pcblist exports
     * them; {@code grep packetdril} keeps the lines of sockets the script's process holds.
     * {@code -p} keeps lines whose local or foreign port is one of those given.
     */
    private String sockstat(Matcher m) {
        String state = m.group("state");
        long wanted = Long.parseLong(m.group("count"));
        long count;
        if (m.group("own") != null) {
            count = scriptSockets.openSocketStates().stream().filter(state::equals).count();
        } else {
            List<Integer> ports = PORT.matcher(m.group("opts")).results()
                    .map(r -> Integer.parseInt(r.group(1))).toList();
            count = machine.tcp().sockets().stream()
                    .filter(s -> ports.isEmpty() || ports.contains(s.localPort()) || ports.contains(s.foreignPort()))
                    .filter(s -> sockstatName(s.state()).equals(state))
                    .count();
        }
        // grep N prints the count and exits 0 only when the count's line contains N.
        return Long.toString(count).contains(Long.toString(wanted)) ? null
                : "sockstat counted " + count + " sockets in " + state + ", the script expects " + wanted;
    }

    /**
     * tcpdrop -s STATE: the net.inet.tcp.drop sysctl on every connection in that state, which
     * tcp_drop()s each one (TcpStack.dropByAdministrator).
     */
    private String tcpdrop(String state) {
        TcpState wanted;
        try {
            wanted = TcpState.fromNetstatName(state);
        } catch (IllegalArgumentException e) {
            return "tcpdrop: unknown state " + state;
        }
        machine.tcp().dropByAdministrator(wanted);
        return null;
    }

    /** The state names sockstat(1) prints (tcpstates[] in tcp_fsm.h). */
    static String sockstatName(TcpState state) {
        return state.netstatName();
    }

}
