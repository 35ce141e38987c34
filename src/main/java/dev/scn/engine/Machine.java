package dev.scn.engine;

import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwCommand;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.engine.net.Packet;
import dev.scn.engine.os.Sysctls;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

import java.util.Optional;

/**
 * One simulated FreeBSD box and the commands an administrator or a process gives it. Every
 * command takes effect at the current simulated time.
 */
public final class Machine {
    private final Simulation simulation;
    private final Host host;
    private final TcpStack tcp;
    private Ipfw ipfw;

    Machine(Simulation simulation, Host host) {
        this.simulation = simulation;
        this.host = host;
        this.tcp = new TcpStack(host);
        host.sysctls().removeTree(IPFW_TREE);
    }

    /** ipfw's sysctl subtree, present only on a host whose kernel has ipfw. */
    public static final String IPFW_TREE = "net.inet.ip.fw.";

    /**
     * The kernel has ipfw (IPFIREWALL compiled in, or ipfw.ko loaded at boot): its sysctls exist
     * from the start, before the first rule is added. A host without it has no net.inet.ip.fw
     * tree at all ("unknown oid").
     */
    public void loadIpfwModule() {
        host.sysctls().registerTree(IPFW_TREE);
    }

    public String name() {
        return host.name();
    }

    public Host host() {
        return host;
    }

    public TcpStack tcp() {
        return tcp;
    }

    private dev.scn.engine.tcp.BsdSockets sockets;

    /** The host's BSD socket calls on descriptors (one process's fd table), made on first use. */
    public dev.scn.engine.tcp.BsdSockets sockets() {
        if (sockets == null) {
            sockets = new dev.scn.engine.tcp.BsdSockets(tcp);
        }
        return sockets;
    }

    /** ipfw, once loaded by the first {@code ipfw} command. */
    public Optional<Ipfw> ipfw() {
        return Optional.ofNullable(ipfw);
    }

    public Sysctls sysctls() {
        return host.sysctls();
    }

    /**
     * {@code sysctl NAME=VALUE}.
     *
     * @return the previous value
     * @throws Sysctls.SysctlException as sysctl(8) would refuse
     */
    public long sysctl(String name, long value) {
        long previous = host.sysctls().get(name);
        host.sysctls().setByAdministrator(name, value);
        simulation.startCommand();
        simulation.trace().recordAndFollow(TraceKind.SYSCTL_SET, host.name(), null,
                new Fact.SysctlSet(name, previous, value, null));
        return previous;
    }

    /**
     * An {@code ipfw} command line (the words after "ipfw"). The first one loads ipfw: from then
     * on the default rule 65535 denies what no rule allows.
     *
     * @return what ipfw(8) prints for it
     */
    public String ipfw(String commandLine) {
        IpfwCommand command = IpfwCommand.parse(commandLine);
        simulation.startCommand();
        simulation.trace().recordAndFollow(TraceKind.COMMAND, host.name(), null,
                new Fact.Command("ipfw " + commandLine.trim()));
        if (ipfw == null) {
            loadIpfwModule();
            ipfw = new Ipfw(host);
        }
        return ipfw.execute(command);
    }

    /** {@code ifconfig IF down|up}: the interface only; TCP connections are not touched. */
    public void ifconfig(String interfaceName, boolean up) {
        Interface ifp = host.interfaceNamed(interfaceName);
        if (ifp == null) {
            throw new IllegalArgumentException("ifconfig: interface " + interfaceName + " does not exist");
        }
        ifp.setUp(up);
    }

    public void listen(int port, TcpApplication.Factory factory) {
        tcp.listen(port, factory);
    }

    public TcpSocket connect(String name, int address, int port, TcpApplication application) {
        return tcp.connect(name, address, port, application);
    }

    /** {@code H forget NAME}: the connection's state vanishes, nothing is sent. */
    public void forget(TcpSocket socket) {
        // The named socket is the opener's; on the other end, forget that host's own connection
        // of the same flow (a server that drops its end silently).
        TcpConnection own = tcp.connection(socket.connection().flow());
        if (own != null) {
            tcp.forget(own);
        }
    }

    public void setStrayPolicy(TcpStack.StrayPolicy policy) {
        tcp.setStrayPolicy(policy);
    }

    /** Sends a hand-made packet from this host as its IP layer would (through its ipfw). */
    public void inject(Packet packet) {
        host.send(packet);
    }

    /**
     * A hand-made packet arriving on this host's external interface from the wire, as from a
     * machine the scenario does not model (a spoofed source, or the vanished end of a connection).
     */
    public void receiveFromWire(Packet packet) {
        host.arriveFromWire(packet);
    }

    public void crash() {
        host.crash();
    }

    public void reboot() {
        host.reboot();
    }

    public void setReachable(boolean reachable) {
        host.setReachable(reachable);
    }
}
