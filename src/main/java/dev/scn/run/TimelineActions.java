package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.observe.IpfwListing;
import dev.scn.observe.Observations;
import dev.scn.observe.SysctlListing;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The timeline's actions on a running simulation: socket calls, host events, admin commands,
 * injections, samples and {@code show} lines. Keeps the named sockets and what was shown.
 */
final class TimelineActions {
    private final Simulation sim;
    private final Scenario scenario;
    private final Map<String, TcpSocket> sockets;
    private final Map<String, String> socketHosts;
    private final Map<String, Opened> connections;
    private final Consumer<ShowOutput> shows;
    private final Consumer<Snapshot> samples;
    private final Injector injector;

    /**
     * @param shows   where each {@code show} line's output goes, as it happens (streamed, not kept here)
     * @param samples where each {@code sample} goes (the runner keeps a bounded number)
     */
    TimelineActions(Simulation sim, Scenario scenario, Map<String, TcpSocket> sockets, Map<String, String> socketHosts,
                    Map<String, Opened> connections, Consumer<ShowOutput> shows, Consumer<Snapshot> samples) {
        this.sim = sim;
        this.scenario = scenario;
        this.sockets = sockets;
        this.socketHosts = socketHosts;
        this.connections = connections;
        this.shows = shows;
        this.samples = samples;
        this.injector = new Injector(sim, connections, shows);
    }

    /** A connection the timeline opened: its name, who opened it, to which host, and its flow. */
    record Opened(String name, String host, String target, dev.scn.engine.flow.FlowKey flow) {
    }

    /** Does what one timeline line says, at the current simulated instant. */
    void perform(Action action) {
        action.accept(performer);
    }

    private final Action.Visitor<Void> performer = new Action.Visitor<>() {
        @Override
        public Void connect(Action.Connect c) {
            Machine from = sim.machine(c.host());
            Machine to = sim.machine(c.target());
            TcpSocket socket = from.connect(c.name(), to.host().primaryAddress(), c.port(),
                    clientFor(c.target(), c.port()));
            if (socket == null) {
                connectFailed(c);
                return null;
            }
            sockets.put(c.name(), socket);
            socketHosts.put(c.name(), c.host());
            connections.put(c.name(), new Opened(c.name(), c.host(), c.target(), socket.connection().flow()));
            return null;
        }

        @Override
        public Void send(Action.Send s) {
            return ifOpen(s.connection(), socket -> socket.write(s.bytes()));
        }

        @Override
        public Void recv(Action.Recv r) {
            return ifOpen(r.connection(), socket -> socket.read(socket.available()));
        }

        @Override
        public Void shutdown(Action.Shutdown s) {
            return ifOpen(s.connection(), TcpSocket::shutdownOutput);
        }

        @Override
        public Void close(Action.Close c) {
            return ifOpen(c.connection(), TcpSocket::close);
        }

        @Override
        public Void abort(Action.Abort a) {
            return ifOpen(a.connection(), TcpSocket::abort);
        }

        @Override
        public Void forget(Action.Forget f) {
            return ifOpen(f.connection(), socket -> sim.machine(f.host()).forget(socket));
        }

        @Override
        public Void hostEvent(Action.HostEvent e) {
            Machine machine = sim.machine(e.host());
            switch (e.kind()) {
                case CRASH -> machine.crash();
                case REBOOT -> machine.reboot();
                case DOWN -> machine.setReachable(false);
                case UP -> machine.setReachable(true);
            }
            return null;
        }

        @Override
        public Void sysctl(Action.Sysctl s) {
            Machine machine = sim.machine(s.host());
            SysctlListing.Result echo = SysctlListing.set(machine.sysctls(), s.name(), s.value());
            if (echo.exitStatus() == 0) {
                machine.sysctl(s.name(), s.value());
            }
            shows.accept(new ShowOutput(sim.now(), s.host(), "sysctl " + s.name() + "=" + s.value(),
                    echo.stdout() + echo.stderr()));
            return null;
        }

        @Override
        public Void ipfw(Action.Ipfw i) {
            runIpfw(i);
            return null;
        }

        @Override
        public Void ifconfig(Action.Ifconfig i) {
            sim.machine(i.host()).ifconfig(i.interfaceName(), i.up());
            return null;
        }

        @Override
        public Void linkState(Action.LinkState l) {
            sim.network().link(sim.machine(l.a()).host(), sim.machine(l.b()).host()).setUp(l.up());
            return null;
        }

        @Override
        public Void inject(Action.Inject i) {
            injector.inject(i);
            return null;
        }

        @Override
        public Void sample(Action.Sample s) {
            samples.accept(snapshot(s.host()));
            return null;
        }

        @Override
        public Void show(Action.Show s) {
            TimelineActions.this.show(s);
            return null;
        }

        @Override
        public Void expect(Action.Expect e) {
            return null; // decided by the ExpectationChecker, never performed
        }
    };

    /**
     * connect(2) failed with EADDRNOTAVAIL (no free ephemeral port; in_pcb.c in_pcb_lport): the
     * connection does not exist, so expectations on the name see CLOSED and the name's later
     * socket calls do nothing (the process got an error, not a socket). The line says so at its time.
     */
    private void connectFailed(Action.Connect c) {
        sockets.remove(c.name());
        socketHosts.remove(c.name());
        shows.accept(new ShowOutput(sim.now(), c.host(), "connect " + c.target() + ":" + c.port() + " as " + c.name(),
                "connect: Can't assign requested address (EADDRNOTAVAIL: no free port in"
                        + " net.inet.ip.portrange.first..last); " + c.name() + " was not opened\n"));
    }

    /** A socket call on a named connection; none when its connect(2) failed. */
    private Void ifOpen(String name, Consumer<TcpSocket> call) {
        TcpSocket socket = sockets.get(name);
        if (socket != null) {
            call.accept(socket);
        }
        return null;
    }

    private TcpApplication clientFor(String target, int port) {
        HostDecl host = scenario.hosts().stream().filter(h -> h.name().equals(target)).findFirst().orElseThrow();
        for (HostDecl.Listen listen : host.listens()) {
            if (listen.port() == port && listen.app() instanceof HostDecl.HttpApp http) {
                return new HttpClient(http.requestBytes(), false);
            }
        }
        return null;
    }

    private void runIpfw(Action.Ipfw i) {
        Machine machine = sim.machine(i.host());
        String command = "ipfw " + i.line().text();
        String out;
        try {
            if (isListing(i.line())) {
                out = machine.ipfw().map(ipfw -> IpfwListing.run(ipfw,
                        dev.scn.engine.ipfw.IpfwCommand.parse(i.line().text())))
                        .orElseGet(() -> IpfwListing.notLoaded(machine.host().profile()));
            } else {
                out = machine.ipfw(i.line().text());
            }
        } catch (RuntimeException e) {
            // The kernel refused (e.g. deleting a rule that does not exist): ipfw(8) prints why.
            out = "ipfw: " + e.getMessage() + "\n";
        }
        shows.accept(new ShowOutput(sim.now(), i.host(), command, out));
    }

    private static boolean isListing(HostDecl.IpfwLine line) {
        return line.words().stream().anyMatch(w -> w.equals("show") || w.equals("list") || w.equals("print"));
    }

    private Snapshot snapshot(String hostName) {
        Machine machine = sim.machine(hostName);
        String ipfwShow = machine.ipfw().map(IpfwListing::showDynamic).orElse("");
        int live = machine.ipfw().map(Ipfw::liveCount).orElse(0);
        int count = machine.ipfw().map(Ipfw::dynCount).orElse(0);
        return new Snapshot(sim.now(), hostName, Observations.netstat(machine), ipfwShow,
                Observations.tcpStateCounts(machine), live, count);
    }

    private void show(Action.Show s) {
        Machine machine = sim.machine(s.host());
        String text;
        String command;
        switch (s.tool()) {
            case NETSTAT -> {
                command = "netstat -an -p tcp";
                text = Observations.netstat(machine);
                if (s.pattern() != null && !s.pattern().isEmpty()) {
                    command += " | grep " + s.pattern();
                    StringBuilder kept = new StringBuilder();
                    text.lines().filter(l -> l.contains(s.pattern())).forEach(l -> kept.append(l).append('\n'));
                    text = kept.toString();
                }
            }
            case IPFW -> {
                // "show H ipfw" is "ipfw -d show"; words after it are an ipfw listing command
                // as typed: "show server ipfw list", "show server ipfw -d -e show".
                String words = s.pattern() == null || s.pattern().isBlank() ? "-d show" : s.pattern();
                command = "ipfw " + words;
                text = machine.ipfw().map(ipfw -> IpfwListing.run(ipfw,
                        dev.scn.engine.ipfw.IpfwCommand.parse(words)))
                        .orElseGet(() -> IpfwListing.notLoaded(machine.host().profile()));
            }
            case SYSCTL -> {
                String name = s.pattern() == null || s.pattern().isEmpty() ? "net.inet.ip.fw" : s.pattern();
                command = "sysctl " + name;
                SysctlListing.Result r = Observations.sysctl(machine, name);
                text = r.stdout() + r.stderr();
            }
            default -> throw new IllegalStateException();
        }
        shows.accept(new ShowOutput(sim.now(), s.host(), command, text));
    }
}
