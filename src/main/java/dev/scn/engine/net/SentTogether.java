package dev.scn.engine.net;

import dev.scn.engine.flow.Protocol;
import dev.scn.fact.Origin;

/**
 * Packets one host sends at one instant, as the fast way replays them again and again, with what
 * the counting taps and the network's counters take from them tallied once: by TCP flag, ipfw
 * keepalives, and by origin. A replayed instant then costs a few additions per counter, not a
 * look at every packet.
 */
public final class SentTogether {
    private final Packet[] packets;
    private final int syn;
    private final int fin;
    private final int rst;
    private final int keepalives;
    /** The origins present, and how many packets of each. */
    private final Origin[] origins;
    private final int[] originCounts;
    /** The same flag counts, TCP packets only (the network's counters count those). */
    private final int tcpSyn;
    private final int tcpFin;
    private final int tcpRst;

    public SentTogether(Packet[] packets) {
        this.packets = packets.clone();
        int s = 0, f = 0, r = 0, k = 0, ts = 0, tf = 0, tr = 0;
        int[] byOrigin = new int[Origin.values().length];
        for (Packet p : packets) {
            boolean tcp = p.protocol() == Protocol.TCP;
            if (p.has(TcpFlags.SYN)) {
                s++;
                ts += tcp ? 1 : 0;
            }
            if (p.has(TcpFlags.FIN)) {
                f++;
                tf += tcp ? 1 : 0;
            }
            if (p.has(TcpFlags.RST)) {
                r++;
                tr += tcp ? 1 : 0;
            }
            k += p.origin() == Origin.IPFW_KEEPALIVE ? 1 : 0;
            byOrigin[p.origin().ordinal()]++;
        }
        syn = s;
        fin = f;
        rst = r;
        keepalives = k;
        tcpSyn = ts;
        tcpFin = tf;
        tcpRst = tr;
        int present = 0;
        for (int count : byOrigin) {
            present += count > 0 ? 1 : 0;
        }
        origins = new Origin[present];
        originCounts = new int[present];
        int i = 0;
        for (Origin origin : Origin.values()) {
            if (byOrigin[origin.ordinal()] > 0) {
                origins[i] = origin;
                originCounts[i++] = byOrigin[origin.ordinal()];
            }
        }
    }

    /** How many origins the packets have; {@link #origin} and {@link #originCount} index them. */
    public int origins() {
        return origins.length;
    }

    public Origin origin(int i) {
        return origins[i];
    }

    public int originCount(int i) {
        return originCounts[i];
    }

    public int size() {
        return packets.length;
    }

    public Packet packet(int i) {
        return packets[i];
    }

    /** Packets with SYN set (of any protocol). */
    public int syn() {
        return syn;
    }

    public int fin() {
        return fin;
    }

    public int rst() {
        return rst;
    }

    /** Packets ipfw sent as keepalives. */
    public int keepalives() {
        return keepalives;
    }

    int tcpSyn() {
        return tcpSyn;
    }

    int tcpFin() {
        return tcpFin;
    }

    int tcpRst() {
        return tcpRst;
    }
}
