package dev.scn.run;

import dev.scn.lang.Code;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.TimelineEntry;

import java.util.Map;

/** One check per action: a new action does not compile until it has one here. */
final class ActionChecks implements Action.Visitor<Void> {
    private final ScenarioValidator v;
    private final TimelineEntry entry;
    private final long at;
    private final Map<String, Long> connections;

    ActionChecks(ScenarioValidator v, TimelineEntry entry, long at, Map<String, Long> connections) {
        this.v = v;
        this.entry = entry;
        this.at = at;
        this.connections = connections;
    }

    @Override
    public Void connect(Action.Connect c) {
        v.requireHost(c.host(), c.hostSpan());
        if (v.requireHost(c.target(), c.targetSpan())) {
            HostDecl target = v.hosts.get(c.target());
            if (target != null && target.listens().stream().noneMatch(l -> l.port() == c.port())) {
                v.out.warning(Code.NOT_LISTENING.id(), c.targetSpan(), c.target() + " does not listen on port " + c.port()
                        + ": the SYN will be answered with RST (or nothing)", null);
            }
        }
        v.paths.requirePath(c.host(), c.target(), c.targetSpan(), v.topology, "the SYN of " + c.name()
                + " would go nowhere and the connection would sit in SYN_SENT");
        if (connections.containsKey(c.name())) {
            v.out.error(Code.DUPLICATE_NAME.id(), c.nameSpan(), "connection name '" + c.name() + "' is already used", null);
        } else {
            connections.put(c.name(), at);
        }
        return null;
    }

    @Override
    public Void send(Action.Send s) {
        v.requireConnection(s.connection(), s.connectionSpan(), at, connections);
        if (s.bytes() <= 0) {
            v.out.error(Code.NONSENSE_VALUE.id(), entry.span(), "send needs at least one byte", "write e.g. 'send 1k'");
        }
        return null;
    }

    @Override
    public Void recv(Action.Recv r) {
        v.requireConnection(r.connection(), r.connectionSpan(), at, connections);
        return null;
    }

    @Override
    public Void shutdown(Action.Shutdown s) {
        v.requireConnection(s.connection(), s.connectionSpan(), at, connections);
        return null;
    }

    @Override
    public Void close(Action.Close c) {
        v.requireConnection(c.connection(), c.connectionSpan(), at, connections);
        return null;
    }

    @Override
    public Void abort(Action.Abort a) {
        v.requireConnection(a.connection(), a.connectionSpan(), at, connections);
        return null;
    }

    @Override
    public Void forget(Action.Forget f) {
        v.requireHost(f.host(), f.hostSpan());
        v.requireConnection(f.connection(), f.connectionSpan(), at, connections);
        return null;
    }

    @Override
    public Void hostEvent(Action.HostEvent e) {
        v.requireHost(e.host(), e.hostSpan());
        return null;
    }

    @Override
    public Void sysctl(Action.Sysctl s) {
        if (v.requireHost(s.host(), s.hostSpan())) {
            v.checkSysctl(s.host(), s.name(), s.value(), s.nameSpan(), s.valueSpan());
        }
        return null;
    }

    @Override
    public Void ipfw(Action.Ipfw i) {
        if (v.requireHost(i.host(), i.hostSpan())) {
            v.checkIpfw(i.line());
        }
        return null;
    }

    @Override
    public Void ifconfig(Action.Ifconfig i) {
        if (v.requireHost(i.host(), i.hostSpan())) {
            HostDecl host = v.hosts.get(i.host());
            // A traffic pool's one interface is em0 (TrafficGenerator).
            String external = host == null || host.interfaceName() == null ? "em0" : host.interfaceName();
            if (!i.interfaceName().equals(external) && !i.interfaceName().equals("lo0")) {
                v.out.error(Code.UNKNOWN_HOST.id(), i.interfaceSpan(), i.host() + " has no interface '" + i.interfaceName() + "'",
                        "its interfaces are " + external + " and lo0");
            }
        }
        return null;
    }

    @Override
    public Void linkState(Action.LinkState l) {
        if (v.requireHost(l.a(), l.aSpan()) & v.requireHost(l.b(), l.bSpan())) {
            v.paths.requireLink(l.a(), l.b(), entry.span(), v.topology);
        }
        return null;
    }

    @Override
    public Void inject(Action.Inject i) {
        v.checkInject(i, at, connections);
        return null;
    }

    @Override
    public Void sample(Action.Sample s) {
        v.requireHost(s.host(), s.hostSpan());
        return null;
    }

    @Override
    public Void show(Action.Show s) {
        v.requireHost(s.host(), s.hostSpan());
        if (s.tool() == Action.Show.Tool.IPFW && s.pattern() != null && !s.pattern().isBlank()) {
            v.checkIpfwListing(s);
        }
        return null;
    }

    @Override
    public Void expect(Action.Expect e) {
        v.checkExpectation(e.expectation(), at, connections);
        return null;
    }
}
