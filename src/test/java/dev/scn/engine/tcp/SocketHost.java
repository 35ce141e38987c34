package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: one simulated FreeBSD host driven through {@link BsdSockets}, and a remote peer
 * that exists only as the segments a test injects (as packetdrill's script side does). Every
 * segment the host sends is recorded; sequence numbers are handled relative to the ISNs.
 */
final class SocketHost {
    static final int LOCAL = Ipv4.parse("192.0.2.1");
    static final int REMOTE = Ipv4.parse("192.0.2.2");
    static final int REMOTE_PORT = 9000;
    static final int LOCAL_PORT = 8080;
    /** The peer's initial sequence number. */
    static final int PEER_ISS = 1_000_000;

    final Simulator sim;
    final Host host;
    final TcpStack tcp;
    final BsdSockets sockets;
    final List<Packet> sent = new ArrayList<>();

    SocketHost(String release) {
        sim = new Simulator(7, CausalTrace.withDefaults());
        Network net = new Network(sim);
        host = new Host(net, "local", Profiles.exact(release).orElseThrow(), List.of(LOCAL), "em0");
        net.addHost(host);
        tcp = new TcpStack(host);
        sockets = new BsdSockets(tcp);
        net.addTap((time, h, via, direction, packet) -> {
            if (direction == Direction.OUT) {
                sent.add(packet);
            }
        });
    }

    void advanceMs(long ms) {
        sim.run(sim.now() + SimTime.millis(ms), 10_000_000);
    }

    Packet last() {
        return sent.get(sent.size() - 1);
    }

    /** The host's ISS: the sequence number of the first SYN or SYN-ACK it sent. */
    int localIss() {
        for (Packet p : sent) {
            if ((p.flags() & TcpFlags.SYN) != 0) {
                return p.seq();
            }
        }
        throw new AssertionError("no SYN sent");
    }

    /** A segment from the peer; seq and ack relative to the peer's and the host's ISS. */
    void inject(int flags, int relSeq, int relAck, int len, int window) {
        inject(flags, relSeq, relAck, len, window, 0);
    }

    void inject(int flags, int relSeq, int relAck, int len, int window, int peerPort) {
        int ack = (flags & TcpFlags.ACK) != 0 ? localIss() + relAck : 0;
        Packet.Builder b = Packet.tcp(REMOTE, peerPort == 0 ? REMOTE_PORT : peerPort, LOCAL, port())
                .seq(PEER_ISS + relSeq).ack(ack).flags(flags).window(window).payloadLength(len);
        if ((flags & TcpFlags.SYN) != 0) {
            b.mssOption(1460);
        }
        host.arriveFromWire(b.build());
    }

    /** A SYN from the peer (port peerPort) to the listening port. */
    void injectSyn(int peerPort) {
        host.arriveFromWire(Packet.tcp(REMOTE, peerPort, LOCAL, LOCAL_PORT).seq(PEER_ISS).flags(TcpFlags.SYN)
                .window(65535).mssOption(1460).build());
    }

    /** The handshake's ACK for the SYN-ACK the host sent to peerPort. */
    void injectHandshakeAck(int peerPort) {
        int iss = 0;
        for (Packet p : sent) {
            if (p.flags() == (TcpFlags.SYN | TcpFlags.ACK) && p.destinationPort() == peerPort) {
                iss = p.seq();
            }
        }
        host.arriveFromWire(Packet.tcp(REMOTE, peerPort, LOCAL, LOCAL_PORT).seq(PEER_ISS + 1).ack(iss + 1)
                .flags(TcpFlags.ACK).window(65535).build());
    }

    private int localPort = LOCAL_PORT;

    int port() {
        return localPort;
    }

    /** After an active open: the host's ephemeral port, read from its SYN. */
    void useActivePort() {
        localPort = sent.get(0).sourcePort();
    }

    /** Passive open: socket, bind 8080, listen(backlog), non-blocking as the suite's scripts do. */
    int listenSocket(int backlog) {
        int fd = (int) sockets.socket().value();
        sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        sockets.bind(fd, 0, LOCAL_PORT);
        sockets.listen(fd, backlog);
        return fd;
    }

    /** A non-blocking active open completed by the peer's SYN-ACK; returns the descriptor. */
    int establishedActive() {
        int fd = (int) sockets.socket().value();
        sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        sockets.connect(fd, REMOTE, REMOTE_PORT);
        useActivePort();
        advanceMs(100);
        inject(TcpFlags.SYN | TcpFlags.ACK, 0, 1, 0, 32767);
        return fd;
    }
}
