package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.net.Packet;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.fact.Origin;
import dev.scn.model.Action;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The timeline's {@code inject} lines. A free injection from a host leaves through that host's IP
 * layer (its ipfw sees it); one from an address no host owns (a spoofed source) arrives on the
 * destination's interface from the wire at the line's instant, as would a packet from a machine
 * the scenario does not model. An injection bound to a connection takes its addresses and ports
 * from the connection and its numbers from the receiving end's variables at the line's instant,
 * and arrives there directly: the sender may have forgotten the connection long ago.
 */
final class Injector {
    private final Simulation sim;
    private final Map<String, TimelineActions.Opened> connections;
    private final Consumer<ShowOutput> notes;

    Injector(Simulation sim, Map<String, TimelineActions.Opened> connections, Consumer<ShowOutput> notes) {
        this.sim = sim;
        this.connections = connections;
        this.notes = notes;
    }

    void inject(Action.Inject i) {
        if (i.connection() != null) {
            bound(i);
        } else {
            free(i);
        }
    }

    private void free(Action.Inject i) {
        Machine sender = Peers.machine(sim, i.from());
        Machine receiver = Peers.machine(sim, i.to());
        int source = Peers.address(sim, i.from());
        int destination = Peers.address(sim, i.to());
        Packet packet = packet(i, source, i.fromPort(), destination, i.toPort(), 0, 0, 0);
        if (sender != null) {
            sender.inject(packet);
        } else if (receiver != null) {
            receiver.receiveFromWire(packet);
        }
        // The validator refuses a line where neither end is a host: such a packet would touch nothing.
    }

    private void bound(Action.Inject i) {
        TimelineActions.Opened opened = connections.get(i.connection());
        if (opened == null) {
            note(i, i.connection() + " was never opened (its connect failed); nothing injected");
            return;
        }
        Machine receiver = sim.machine(i.to());
        String otherName = i.to().equals(opened.target()) ? opened.host() : opened.target();
        TcpConnection here = receiver.tcp().connection(opened.flow());
        Packet packet;
        if (here != null) {
            packet = packet(i, here.foreignAddress(), here.foreignPort(), here.localAddress(), here.localPort(),
                    here.rcvNxt(), here.sndNxt(), here.sndUna());
        } else {
            // The receiver has no state for it any more: the numbers it would expect are the other
            // end's (its snd_nxt is what the receiver's rcv_nxt was), when that end still has them.
            TcpConnection there = sim.machine(otherName).tcp().connection(opened.flow());
            if (there == null) {
                note(i, i.connection() + " has no state on " + opened.host() + " nor on " + opened.target()
                        + ", so rcv_nxt/snd_nxt mean nothing; nothing injected");
                return;
            }
            packet = packet(i, there.localAddress(), there.localPort(), there.foreignAddress(), there.foreignPort(),
                    there.sndNxt(), there.rcvNxt(), there.rcvNxt());
        }
        receiver.receiveFromWire(packet);
    }

    private Packet packet(Action.Inject i, int source, int sourcePort, int destination, int destinationPort,
                          int rcvNxt, int sndNxt, int sndUna) {
        long seq = i.seq().resolve(rcvNxt & 0xffffffffL, sndNxt & 0xffffffffL, sndUna & 0xffffffffL);
        long ack = i.ack().resolve(rcvNxt & 0xffffffffL, sndNxt & 0xffffffffL, sndUna & 0xffffffffL);
        return Packet.tcp(source, sourcePort, destination, destinationPort)
                .seq((int) seq).ack((int) ack).flags(i.tcpFlags()).window(i.window())
                .payloadLength(i.length()).origin(Origin.INJECTED).build();
    }

    private void note(Action.Inject i, String why) {
        notes.accept(new ShowOutput(sim.now(), i.to(), "inject " + i.connection() + " to " + i.to(), "scn: " + why + "\n"));
    }
}
