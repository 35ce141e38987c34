package dev.scn.observe;

import dev.scn.engine.Machine;
import dev.scn.engine.tcp.TcpStack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The outputs of a machine's own tools, read from the engine's state at the current instant. */
public final class Observations {
    private Observations() {
    }

    /** The rows of {@code netstat -an -p tcp}, oldest socket first. */
    public static List<SocketRow> tcpSockets(Machine machine) {
        List<SocketRow> rows = new ArrayList<>();
        for (TcpStack.SocketEntry s : machine.tcp().sockets()) {
            rows.add(new SocketRow(s.localAddress(), s.localPort(), s.foreignAddress(), s.foreignPort(),
                    s.receiveQueue(), s.sendQueue(), s.state().netstatName()));
        }
        return rows;
    }

    /** {@code netstat -an -p tcp} as the machine's release prints it. */
    public static String netstat(Machine machine) {
        return Netstat.tcpTable(machine.host().profile(), tcpSockets(machine));
    }

    /** Connections per TCP state, as {@code netstat -an | grep -c STATE} would count them. */
    public static Map<String, Integer> tcpStateCounts(Machine machine) {
        return Netstat.countByState(tcpSockets(machine));
    }

    /** {@code ipfw -d show}, or the error ipfw(8) gives when the module is not loaded. */
    public static String ipfwDynamicShow(Machine machine) {
        return machine.ipfw().map(IpfwListing::showDynamic)
                .orElseGet(() -> IpfwListing.notLoaded(machine.host().profile()));
    }

    /** {@code ipfw list}. */
    public static String ipfwList(Machine machine) {
        return machine.ipfw().map(IpfwListing::list).orElseGet(() -> IpfwListing.notLoaded(machine.host().profile()));
    }

    /** {@code sysctl NAME} or a subtree. */
    public static SysctlListing.Result sysctl(Machine machine, String name) {
        return SysctlListing.show(machine.sysctls(), name);
    }
}
