package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.trace.TraceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A host's replayed server pcbs in TIME_WAIT that nobody has looked at (5.x-13.x,
 * {@link ReplayedTimeWait}), by 4-tuple: built into the pcb table when looked up, closed
 * without being built when tcp_slowtimo's walk reaches them. Each keeps its hash in the table
 * ({@link FlowTable}), so the walk, a minute after it went in, takes it out without its key.
 */
final class UnbuiltPcbs {
    private final TcpStack stack;
    private final FlowTable<ReplayedTimeWait> byFlow = new FlowTable<>(ReplayedTimeWait::flow);

    UnbuiltPcbs(TcpStack stack) {
        this.stack = stack;
    }

    boolean contains(FlowKey flow) {
        return byFlow.size() > 0 && byFlow.get(flow, FlowTable.hash(flow)) != null;
    }

    /** It entered TIME_WAIT: from now on it is looked up by its 4-tuple. */
    void add(ReplayedTimeWait stub) {
        stub.tableHash = FlowTable.hash(stub.flow);
        byFlow.add(stub, stub.tableHash);
    }

    /** The pcb of this 4-tuple, built now; null when none stands for it. */
    TcpConnection build(FlowKey flow) {
        if (byFlow.size() == 0) {
            return null;
        }
        ReplayedTimeWait stub = byFlow.remove(flow, FlowTable.hash(flow));
        return stub == null ? null : build(stub);
    }

    private TcpConnection build(ReplayedTimeWait stub) {
        TcpConnection tp = stub.build();
        stack.connections.put(tp.flow, tp);
        stack.timeWait.replace(stub, tp);
        return tp;
    }

    /** Every one built, in the order they were made: for whoever walks the whole table. */
    void buildAll() {
        if (byFlow.size() == 0) {
            return;
        }
        List<ReplayedTimeWait> stubs = new ArrayList<>(byFlow.size());
        byFlow.forEach(stubs::add);
        stubs.sort((a, b) -> Long.compare(a.order, b.order));
        byFlow.clear();
        for (ReplayedTimeWait stub : stubs) {
            build(stub);
        }
    }

    /** netstat's lines for them. */
    void socketEntries(List<TcpStack.SocketEntry> out) {
        byFlow.forEach(stub -> out.add(stub.socketEntry()));
    }

    /**
     * tcp_slowtimo's walk reached one: what timeWaitOver and tcp_close do to a built pcb that
     * nothing traces (out of the table, its port free), without building it. The counts follow
     * for all of one walk at once ({@link #closedCounts}).
     */
    void closed(ReplayedTimeWait stub) {
        byFlow.removeEntry(stub, stub.tableHash);
        stack.portFreed(stub.localPort);
    }

    /**
     * The counts of {@code n} of them one walk closed (each: the timer and the state change
     * counted, TIME_WAIT to CLOSED and out of the table). Said once for the walk's instant: what
     * the per-state counts hear is kept as each instant's last value.
     */
    void closedCounts(int n) {
        stack.simulator.trace().count(TraceKind.TCP_TIMER_FIRED, n);
        stack.simulator.trace().count(TraceKind.TCP_STATE, n);
        stack.countDown(TcpState.TIME_WAIT, n);
    }

    /** The host's state is lost. */
    void clear() {
        byFlow.clear();
    }
}
