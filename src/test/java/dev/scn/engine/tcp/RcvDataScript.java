package dev.scn.engine.tcp;

import dev.scn.engine.SimTime;
import dev.scn.engine.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Ipv4;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.fact.Origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: plays one script of the suite's rcv-data-segments/ folder against a simulated
 * FreeBSD 14.2 server, just enough of packetdrill for that folder (segments, accept, recv with
 * and without MSG_PEEK, close, relative and absolute times). The script is the peer: its '<'
 * segments are injected from the wire, each '>' line must be the server's next segment with the
 * same flags, relative seq and ack, window and SACK blocks, within the script's 10 ms tolerance.
 * The peer's ISN is 0xFFFFFF00, so the scripts' sequence numbers cross 2^32.
 */
final class RcvDataScript {
    static final int PEER_IP = Ipv4.parse("192.168.1.2");
    static final int SERVER_IP = Ipv4.parse("192.0.2.10");
    static final int PEER_PORT = 54321;
    static final int PORT = 8080;
    static final int PEER_ISN = 0xFFFFFF00;
    private static final long TOLERANCE = SimTime.millis(10);
    private static final Pattern LINE = Pattern.compile("^\\s*(\\+?)(\\d+\\.\\d+)\\s+(.*)$");
    private static final Pattern SEGMENT = Pattern.compile(
            "^([<>])\\s+([SFPR.]+)\\s+(\\d+):(\\d+)\\((\\d+)\\)(?:\\s+ack\\s+(\\d+))?\\s+win\\s+(\\d+)\\s*(?:<([^>]*)>)?");
    private static final Pattern RECV = Pattern.compile("^recv\\(4, \\.\\.\\., \\d+, (MSG_PEEK|0)\\) = (\\d+)");

    /** A server segment as it left. */
    record Sent(long time, Packet packet) {
    }

    private final Simulator sim = new Simulator(2005, CausalTrace.withDefaults());
    private final Host server;
    private final TcpStack tcp;
    private final List<Sent> sent = new ArrayList<>();
    private int consumed;
    private int iss;
    private TcpSocket accepted;

    RcvDataScript() {
        this("14.2");
    }

    RcvDataScript(String release) {
        Network net = new Network(sim);
        server = new Host(net, "server", Profiles.exact(release).orElseThrow(), List.of(SERVER_IP), "em0");
        net.addHost(server);
        tcp = new TcpStack(server);
        // The suite sets recvspace 65536; FreeBSD's tcp_mss() rounds the buffer up to 45 x 1460 =
        // 65700 (done by another part of the model); delacktime is 40 ms on 14.x.
        server.sysctls().setByAdministrator("net.inet.tcp.recvspace", 65_700);
        server.sysctls().setByAdministrator("net.inet.tcp.delacktime", 40);
        tcp.listen(PORT, socket -> {
            socket.setAutoRead(false);
            return new TcpApplication() {
            };
        });
        net.addTap((time, host, via, direction, packet) -> {
            if (direction == Direction.OUT) {
                sent.add(new Sent(time, packet));
            }
        });
    }

    /** sysctl -w on the server before the script runs. */
    RcvDataScript sysctl(String name, long value) {
        server.sysctls().setByAdministrator(name, value);
        return this;
    }

    /** Plays the script; returns null when every line held, else the first mismatch. */
    String play(Path script) throws IOException {
        return play(script.getFileName().toString(), Files.readAllLines(script));
    }

    /** Plays script lines given inline; returns null when every line held, else the first mismatch. */
    String play(String name, List<String> lines) {
        long time = 0;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String text = raw.replaceAll("//.*$", "").trim();
            Matcher m = LINE.matcher(text);
            if (text.isEmpty() || text.startsWith("--") || !m.matches()) {
                continue;
            }
            long at = Math.round(Double.parseDouble(m.group(2)) * SimTime.MICROS_PER_SECOND);
            time = m.group(1).isEmpty() ? at : time + at;
            sim.run(time, 1_000_000);
            String error = step(m.group(3).trim(), time);
            if (error != null) {
                return name + ":" + lineNo + ": " + error;
            }
        }
        sim.run(time + SimTime.seconds(1), 1_000_000);
        return consumed == sent.size() ? null : name + ": unexpected " + sent.get(consumed).packet();
    }

    private String step(String action, long time) {
        Matcher seg = SEGMENT.matcher(action);
        if (seg.find()) {
            return seg.group(1).equals("<") ? inject(seg, time) : expect(seg, time);
        }
        Matcher recv = RECV.matcher(action);
        if (recv.find()) {
            long n = Long.parseLong(recv.group(2));
            if (recv.group(1).equals("MSG_PEEK")) {
                return accepted.available() == n ? null : "recv peek: expected " + n + " vs actual " + accepted.available();
            }
            if (n == 0) {
                return accepted.connection().state() == TcpState.CLOSE_WAIT ? null : "recv 0: not at EOF";
            }
            long got = accepted.read(n);
            return got == n ? null : "recv: expected " + n + " vs actual " + got;
        }
        if (action.startsWith("accept(")) {
            accepted = tcp.connections().get(0).socket();
        } else if (action.startsWith("close(4)")) {
            accepted.close();
        }
        return null; // sysctl, socket, bind, listen, setsockopt, close(3): nothing to do here
    }

    private String inject(Matcher seg, long time) {
        int flags = flags(seg.group(2));
        int start = Integer.parseInt(seg.group(3));
        int len = Integer.parseInt(seg.group(5));
        Packet.Builder b = Packet.tcp(PEER_IP, PEER_PORT, SERVER_IP, PORT).seq(PEER_ISN + start)
                .flags(flags).window(Integer.parseInt(seg.group(7))).payloadLength(len).origin(Origin.INJECTED);
        if (seg.group(6) != null) {
            b.ack(iss + Integer.parseInt(seg.group(6)));
        }
        if ((flags & TcpFlags.SYN) != 0) {
            b.options(synOptions(seg.group(8)));
        }
        server.arriveFromWire(b.build());
        return null;
    }

    private String expect(Matcher seg, long time) {
        if (consumed >= sent.size()) {
            return "expected a segment at " + time + " us, none sent";
        }
        Sent s = sent.get(consumed++);
        Packet p = s.packet();
        if (Math.abs(s.time() - time) > TOLERANCE) {
            return "timing: expected " + time + " vs actual " + s.time() + " us";
        }
        if (p.has(TcpFlags.SYN)) {
            iss = p.seq();
        }
        String mismatch = field("flags", flags(seg.group(2)), p.flags())
                + field("tcp_seq", Integer.parseInt(seg.group(3)), p.seq() - iss)
                + field("tcp_ack", seg.group(6) == null ? 0 : Integer.parseInt(seg.group(6)), p.ack() - PEER_ISN)
                + field("tcp_win", Integer.parseInt(seg.group(7)), p.window())
                + sackField(seg.group(8), p.options().sackBlocks());
        return mismatch.isEmpty() ? null : mismatch.trim();
    }

    private static String field(String name, long expected, long actual) {
        return expected == actual ? "" : " live packet field " + name + ": expected: " + expected + " vs actual: " + actual;
    }

    /** The options of a '<' SYN: mss N and sackOK as written (nop and eol need not be placed). */
    private static TcpOptions synOptions(String text) {
        List<TcpOption> items = new ArrayList<>();
        Matcher mss = Pattern.compile("mss (\\d+)").matcher(text == null ? "" : text);
        if (mss.find()) {
            items.add(new TcpOption.Mss(Integer.parseInt(mss.group(1))));
        }
        if (text != null && text.contains("sackOK")) {
            items.add(new TcpOption.SackPermitted());
        }
        return TcpOptions.of(items);
    }

    private static String sackField(String options, List<TcpOption.SackBlock> actual) {
        StringBuilder want = new StringBuilder();
        if (options != null) {
            Matcher m = Pattern.compile("sack((?:\\s+\\d+:\\d+)+)").matcher(options);
            if (m.find()) {
                want.append(m.group(1).trim().replaceAll("\\s+", " "));
            }
        }
        StringBuilder got = new StringBuilder();
        for (TcpOption.SackBlock b : actual) {
            got.append(got.length() == 0 ? "" : " ").append(b.start() - PEER_ISN).append(':').append(b.end() - PEER_ISN);
        }
        return want.toString().equals(got.toString()) ? ""
                : " sack: expected: [" + want + "] vs actual: [" + got + "]";
    }

    private static int flags(String text) {
        int f = 0;
        for (char c : text.toCharArray()) {
            f |= switch (c) {
                case 'S' -> TcpFlags.SYN;
                case 'F' -> TcpFlags.FIN;
                case 'P' -> TcpFlags.PUSH;
                case 'R' -> TcpFlags.RST;
                default -> TcpFlags.ACK;
            };
        }
        return f;
    }
}
