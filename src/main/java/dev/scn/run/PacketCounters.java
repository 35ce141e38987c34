package dev.scn.run;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.PacketTap;
import dev.scn.engine.net.SentTogether;
import dev.scn.engine.net.TcpFlags;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Packets each host sent, by origin and by kind; what {@code H packets KIND} expectations read. */
final class PacketCounters implements PacketTap {
    private final Map<String, long[]> byHost = new LinkedHashMap<>();
    /** Packets sent by origin, indexed by ordinal: counted for every packet, so not boxed. */
    private final long[] byOrigin = new long[Origin.values().length];
    /** Per (host, sent or received, peer address): counts by kind, kept only for peers expectations name. */
    private final Map<PeerKey, long[]> byPeer = new java.util.HashMap<>();
    private final java.util.Set<Integer> watchedPeers = new java.util.HashSet<>();

    private record PeerKey(String host, boolean received, int peer) {
    }

    /** Kinds of packet counted per host. */
    enum Kind { SENT, SYN, FIN, RST, KEEPALIVE }

    /** Counts packets to and from this address per host from now on ({@code H packets K to|from P}). */
    void watchPeer(int address) {
        watchedPeers.add(address);
    }

    @Override
    public void packet(long time, Host host, Interface via, Direction direction, Packet packet) {
        boolean received = direction != Direction.OUT;
        int peer = received ? packet.source() : packet.destination();
        // Most runs watch no peer: no lookup (and no boxing) per packet then.
        if (!watchedPeers.isEmpty() && watchedPeers.contains(peer)) {
            tally(byPeer.computeIfAbsent(new PeerKey(host.name(), received, peer), k -> new long[Kind.values().length]),
                    packet);
        }
        if (received) {
            return;
        }
        tally(rowOf(host), packet);
        byOrigin[packet.origin().ordinal()]++;
    }

    /** The host's row of counts, found by the host itself (no hashing of its name per packet). */
    private long[] rowOf(Host host) {
        long[] row = rows.get(host);
        if (row == null) {
            row = byHost.computeIfAbsent(host.name(), h -> new long[Kind.values().length]);
            rows.put(host, row);
        }
        return row;
    }

    private final java.util.IdentityHashMap<Host, long[]> rows = new java.util.IdentityHashMap<>();

    /** The same counts for packets one host sent at one instant (one lookup of the host's row). */
    @Override
    public void sentTogether(long time, Host host, Interface via, SentTogether sent) {
        if (!watchedPeers.isEmpty()) {
            PacketTap.super.sentTogether(time, host, via, sent);
            return;
        }
        long[] counts = rowOf(host);
        counts[Kind.SENT.ordinal()] += sent.size();
        counts[Kind.SYN.ordinal()] += sent.syn();
        counts[Kind.FIN.ordinal()] += sent.fin();
        counts[Kind.RST.ordinal()] += sent.rst();
        counts[Kind.KEEPALIVE.ordinal()] += sent.keepalives();
        for (int i = 0; i < sent.origins(); i++) {
            byOrigin[sent.origin(i).ordinal()] += sent.originCount(i);
        }
    }

    private static void tally(long[] counts, Packet packet) {
        counts[Kind.SENT.ordinal()]++;
        if (packet.has(TcpFlags.SYN)) {
            counts[Kind.SYN.ordinal()]++;
        }
        if (packet.has(TcpFlags.FIN)) {
            counts[Kind.FIN.ordinal()]++;
        }
        if (packet.has(TcpFlags.RST)) {
            counts[Kind.RST.ordinal()]++;
        }
        if (packet.origin() == Origin.IPFW_KEEPALIVE) {
            counts[Kind.KEEPALIVE.ordinal()]++;
        }
    }

    /** Packets of that kind the host sent to, or received from, the address (once watched). */
    long count(String host, Kind kind, boolean received, int peer) {
        long[] counts = byPeer.get(new PeerKey(host, received, peer));
        return counts == null ? 0 : counts[kind.ordinal()];
    }

    long count(String host, Kind kind) {
        long[] counts = byHost.get(host);
        return counts == null ? 0 : counts[kind.ordinal()];
    }

    /** Packets sent by origin, every origin listed. */
    Map<String, Long> byOrigin() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Origin origin : Origin.values()) {
            out.put(origin.name().toLowerCase(java.util.Locale.ROOT), byOrigin[origin.ordinal()]);
        }
        return out;
    }

    /** Packets sent by kind over all hosts. */
    Map<String, Long> byKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            long sum = 0;
            for (long[] counts : byHost.values()) {
                sum += counts[kind.ordinal()];
            }
            out.put(kind.name().toLowerCase(java.util.Locale.ROOT), sum);
        }
        return out;
    }

    /** Per host, per kind; hosts in name order. */
    Map<String, Map<String, Long>> perHost() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (var e : byHost.entrySet()) {
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) {
                kinds.put(kind.name().toLowerCase(java.util.Locale.ROOT), e.getValue()[kind.ordinal()]);
            }
            out.put(e.getKey(), kinds);
        }
        return out;
    }
}
