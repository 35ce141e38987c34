package dev.scn.run;

import dev.scn.engine.os.Profile;
import dev.scn.engine.os.SysctlDef;
import dev.scn.lang.Code;
import dev.scn.model.Expectation;
import dev.scn.model.Span;

import java.util.List;
import java.util.Map;

/** One check per kind of subject: a new kind does not compile until it has one here. */
final class SubjectChecks implements Expectation.Subject.Visitor<Void> {
    private final ScenarioValidator v;
    private final Expectation e;
    private final long at;
    private final Map<String, Long> connections;

    SubjectChecks(ScenarioValidator v, Expectation e, long at, Map<String, Long> connections) {
        this.v = v;
        this.e = e;
        this.at = at;
        this.connections = connections;
    }

    /**
     * An instant (WHEN) is watched from its line's time on, before the connection exists too
     * (it reads CLOSED then): the name must be opened somewhere, not necessarily by then.
     */
    private void requireWatchedConnection(String name, Span span) {
        if (e.mode() == Expectation.Mode.WHEN && (v.laterConnections.containsKey(name) || connections.containsKey(name))) {
            return;
        }
        v.requireConnection(name, span, at, connections);
    }

    @Override
    public Void netstatCount(Expectation.Subject.NetstatCount s) {
        v.requireHost(s.host(), s.hostSpan());
        v.requireState(s.state(), s.stateSpan());
        v.requireNumber(e);
        return null;
    }

    @Override
    public Void ipfwDynamic(Expectation.Subject.IpfwDynamic s) {
        if (v.requireHost(s.host(), s.hostSpan()) && v.hosts.containsKey(s.host())
                && v.hosts.get(s.host()).ipfw().isEmpty() && !v.ipfwLaterOn(s.host())) {
            v.out.error(Code.BAD_EXPECTATION.id(), s.span(), "host '" + s.host() + "' has no ipfw rules, so no dynamic rules",
                    "add ipfw lines to the host, or expect on another subject");
        }
        v.requireNumber(e);
        return null;
    }

    @Override
    public Void connectionState(Expectation.Subject.ConnectionState s) {
        v.requireHost(s.host(), s.hostSpan());
        requireWatchedConnection(s.connection(), s.connectionSpan());
        v.requireState(e.value(), e.valueSpan());
        return null;
    }

    @Override
    public Void connectionExists(Expectation.Subject.ConnectionExists s) {
        v.requireHost(s.host(), s.hostSpan());
        requireWatchedConnection(s.connection(), s.connectionSpan());
        return null;
    }

    @Override
    public Void packetCount(Expectation.Subject.PacketCount s) {
        v.requireHost(s.host(), s.hostSpan());
        if (s.peer() != null && !Peers.isAddress(s.peer())) {
            v.requireHost(s.peer(), s.peerSpan());
        }
        v.requireNumber(e);
        return null;
    }

    @Override
    public Void sysctlValue(Expectation.Subject.SysctlValue s) {
        if (v.requireHost(s.host(), s.hostSpan()) && v.hosts.containsKey(s.host())) {
            Profile profile = v.profiles.get(s.host());
            if (profile != null && v.ipfwTreeExists(s.host(), s.name(), s.nameSpan())
                    && profile.newSysctls().definition(s.name()).isEmpty()) {
                List<String> close = v.closest(s.name(), profile.sysctls().stream().map(SysctlDef::name).toList());
                v.out.error(Code.UNKNOWN_SYSCTL.id(), s.nameSpan(), "unknown sysctl '" + s.name() + "' on " + profile.name(),
                        close.isEmpty() ? "see 'sysctl -a' of that release" : "did you mean "
                                + String.join(" or ", close) + "?");
            }
        }
        v.requireNumber(e);
        return null;
    }

    @Override
    public Void logLines(Expectation.Subject.LogLines s) {
        v.requireHost(s.host(), s.hostSpan());
        v.requireNumber(e);
        return null;
    }
}
