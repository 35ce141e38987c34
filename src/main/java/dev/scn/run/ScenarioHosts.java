package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Link;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.Scenario;

import java.util.List;

/**
 * The machines and links a scenario declares, as they are at boot: each host with its release,
 * addresses, sysctls, ipfw rules and listening servers; each {@code link} line but those of
 * traffic pools (made with the pool). A run builds them, and so does the sandbox in which the
 * fast way records a connection's shape.
 */
final class ScenarioHosts {
    private ScenarioHosts() {
    }

    static void build(Simulation sim, Scenario scenario) {
        buildHosts(sim, scenario);
        buildLinks(sim, scenario);
    }

    /** Whether the host runs ipfw: rules in its block, or an ipfw command on its timeline. */
    private static boolean hasIpfw(Scenario scenario, String host) {
        return scenario.hosts().stream().anyMatch(h -> h.name().equals(host) && !h.ipfw().isEmpty())
                || scenario.timeline().stream().anyMatch(e -> e.action() instanceof Action.Ipfw i && i.host().equals(host));
    }

    private static void buildHosts(Simulation sim, Scenario scenario) {
        for (HostDecl decl : scenario.hosts()) {
            List<Integer> addresses = decl.addresses().stream().map(a -> Ipv4.parse(a.dotted())).toList();
            Machine machine = sim.addMachine(decl.name(), Profiles.resolve(decl.osVersion()).profile(), addresses,
                    decl.interfaceName() == null ? "em0" : decl.interfaceName());
            if (hasIpfw(scenario, decl.name())) {
                machine.loadIpfwModule();
            }
            for (HostDecl.SysctlLine line : decl.sysctls()) {
                machine.sysctl(line.name(), line.value());
            }
            for (HostDecl.IpfwLine line : decl.ipfw()) {
                machine.ipfw(line.text());
            }
            machine.setStrayPolicy(decl.stray() == HostDecl.Stray.DROP
                    ? TcpStack.StrayPolicy.DROP : TcpStack.StrayPolicy.RST);
            for (HostDecl.Listen listen : decl.listens()) {
                machine.listen(listen.port(), factory(listen.app()));
            }
        }
    }

    private static TcpApplication.Factory factory(HostDecl.App app) {
        if (app instanceof HostDecl.HttpApp http) {
            HttpServer.Ending ending = switch (http.ending()) {
                case CLOSE -> HttpServer.Ending.CLOSE;
                case SHUTDOWN -> HttpServer.Ending.SHUTDOWN;
                case LINGER -> HttpServer.Ending.LINGER;
                case WAIT_FOR_CLIENT -> HttpServer.Ending.WAIT_FOR_CLIENT;
            };
            return new HttpServer(http.requestBytes(), http.responseBytes(), ending, http.lingerMicros());
        }
        return socket -> new TcpApplication() { };
    }

    private static void buildLinks(Simulation sim, Scenario scenario) {
        java.util.Set<String> pools = new java.util.HashSet<>();
        scenario.traffic().forEach(t -> pools.add(t.name()));
        for (LinkDecl decl : scenario.links()) {
            if (pools.contains(decl.a()) || pools.contains(decl.b())) {
                continue; // a traffic pool's link is made with the pool (TrafficGenerator)
            }
            Link link = sim.link(decl.a(), decl.b());
            link.setDelay(decl.delayMicros());
            link.setJitter(decl.jitterMicros());
            link.setLossPercent(decl.lossPercent());
        }
    }

}
