package dev.scn.engine.net;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;

/**
 * {@code drop on A->B tcp flags F [count N]}: drops TCP segments one way whose flags include
 * every bit of {@code flags}, at most {@code count} of them (unlimited when negative).
 * A lost FIN is {@code flags F count 1}.
 */
public final class PathFilter {
    private final int flags;
    private final FlowKey flow;
    private long remaining;

    public PathFilter(int flags, long count) {
        this(flags, count, null);
    }

    /** A filter for one connection only (a client whose FIN gets lost). */
    public PathFilter(int flags, long count, FlowKey flow) {
        this.flags = flags;
        this.remaining = count;
        this.flow = flow;
    }

    public int flags() {
        return flags;
    }

    public long remaining() {
        return remaining;
    }

    /** True for a one-connection filter that can take nothing more: its link may forget it. */
    boolean spentForOneFlow() {
        return flow != null && remaining == 0;
    }

    /** True when the filter takes this packet (and uses up one of its count). */
    boolean takes(Packet packet) {
        if (remaining == 0 || packet.protocol() != Protocol.TCP || (packet.flags() & flags) != flags) {
            return false;
        }
        if (flow != null && !flow.equals(packet.flowKey())) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }
}
