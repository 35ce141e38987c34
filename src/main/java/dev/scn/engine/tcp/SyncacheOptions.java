package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpOptions;

import java.util.List;

/**
 * The option flags of a syncache entry (struct syncache sc_flags and values), decided by
 * syncache_add from the SYN and the listener's settings, used by syncache_respond for the
 * SYN-ACK and by syncache_socket for the new connection (tcp_syncache.c).
 *
 * @param wscale      SCF_WINSCALE: both sides scale
 * @param peerScale   sc_requested_s_scale: the shift the peer offered
 * @param ourScale    sc_requested_r_scale: the shift we request
 * @param timestamp   SCF_TIMESTAMP
 * @param tsReflect   sc_tsreflect: the SYN's TSval, echoed
 * @param tsOffset    sc_tsoff
 * @param sack        SCF_SACK
 * @param noOpt       TF_NOOPT on the listener: no options at all
 */
record SyncacheOptions(boolean wscale, int peerScale, int ourScale, boolean timestamp, int tsReflect,
                       int tsOffset, boolean sack, boolean noOpt) {
    static final SyncacheOptions NONE = new SyncacheOptions(false, 0, 0, false, 0, 0, false, false);

    /**
     * syncache_add: "if ((tp->t_flags & TF_REQ_SCALE) && (to->to_flags & TOF_SCALE))" with the
     * listener's TF_REQ_SCALE from net.inet.tcp.rfc1323, and the same for timestamps; SACK when
     * net.inet.tcp.sack.enable and the SYN has SACK permitted. The listener's flags are read here,
     * when the SYN arrives, where FreeBSD read them when the listening socket was made.
     */
    static SyncacheOptions fromSyn(TcpStack stack, Packet syn, boolean listenerNoOpt) {
        if (listenerNoOpt) {
            // "if (ltflags & TF_NOOPT) sc->sc_flags |= SCF_NOOPT": syncache_respond then sends no
            // option at all (not even MSS) and syncache_socket sets TF_NOOPT, negotiating nothing.
            return new SyncacheOptions(false, 0, 0, false, 0, 0, false, true);
        }
        TcpOptionConfig c = new TcpOptionConfig(stack);
        TcpOptions o = syn.options();
        boolean scale = c.rfc1323() && o.hasWscale();
        boolean ts = c.rfc1323() && o.hasTimestamp();
        boolean sack = c.sackEnabled() && o.sackPermitted();
        int offset = ts ? TcpOptionConfig.tsOffset(stack, syn.flowKey()) : 0;
        return new SyncacheOptions(scale, scale ? Math.min(o.wscale(), TcpConstants.MAX_WINSHIFT) : 0,
                scale ? c.requestScale() : 0, ts, ts ? o.tsVal() : 0, offset, sack, false);
    }

    /** syncache_respond's options: MSS, then what SCF_* says, laid out for the release. */
    TcpOptions synAckOptions(TcpStack stack, int mss) {
        if (noOpt) {
            return TcpOptions.NONE;
        }
        int tsVal = timestamp ? TcpOptionConfig.tsTicks(stack, stack.host().simulator().now() / dev.scn.engine.kernel.SimTime.MICROS_PER_MILLI) + tsOffset : 0;
        return TcpOptionWriter.write(stack.profile().major(), new TcpOptionWriter.Wanted(mss,
                wscale ? ourScale : -1, sack, timestamp, tsVal, timestamp ? tsReflect : 0, List.of()), stack.optionScratch);
    }

    /**
     * syncache_socket: SCF_WINSCALE gives TF_REQ_SCALE|TF_RCVD_SCALE, snd_scale and
     * request_r_scale (rcv_scale follows when the handshake's ACK is processed); SCF_TIMESTAMP
     * gives TF_REQ_TSTMP|TF_RCVD_TSTMP, ts_recent and ts_offset; SCF_SACK keeps TF_SACK_PERMIT.
     */
    TcpOptionState forSocket(TcpConnection tp) {
        TcpOptionState s = new TcpOptionState();
        s.noOpt = noOpt;
        if (wscale) {
            s.reqScale = true;
            s.rcvdScale = true;
            s.sndScale = peerScale;
            s.requestRScale = ourScale;
        }
        if (timestamp) {
            s.reqTstmp = true;
            s.rcvdTstmp = true;
            s.tsRecent = tsReflect;
            s.tsRecentAgeMs = tp.nowMs();
            s.tsOffset = tsOffset;
        }
        s.sackPermit = sack;
        return s;
    }
}
