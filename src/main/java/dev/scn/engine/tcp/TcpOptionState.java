package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;

import java.util.List;

/**
 * The option half of a tcpcb: the t_flags bits TF_NOOPT, TF_REQ_SCALE/TF_RCVD_SCALE,
 * TF_REQ_TSTMP/TF_RCVD_TSTMP, TF_SACK_PERMIT and the values they govern (request_r_scale,
 * snd_scale, rcv_scale, ts_recent, ts_recent_age, ts_offset), with what tcp_output() puts on a
 * segment and how tcp_input() negotiates them on a SYN (tcp_input.c, SYN_SENT branch).
 */
final class TcpOptionState {
    /** The options last built for output, and what they were built from (see {@link #forOutput}). */
    private TcpOptionWriter.Wanted lastWanted;
    private TcpOptions lastOptions;
    boolean noOpt;
    boolean reqScale;
    boolean rcvdScale;
    int requestRScale;
    int sndScale;
    int rcvScale;
    boolean reqTstmp;
    boolean rcvdTstmp;
    int tsRecent;
    long tsRecentAgeMs;
    int tsOffset;
    boolean sackPermit;

    /**
     * tcp_newtcpcb: "if (V_tcp_do_rfc1323) tp->t_flags = (TF_REQ_SCALE|TF_REQ_TSTMP); if
     * (V_tcp_do_sack) tp->t_flags |= TF_SACK_PERMIT;" (4.x has no SACK).
     */
    static TcpOptionState forNewConnection(TcpStack stack) {
        TcpOptionState s = new TcpOptionState();
        TcpOptionConfig c = new TcpOptionConfig(stack);
        s.reqScale = c.rfc1323();
        s.reqTstmp = c.rfc1323();
        s.sackPermit = c.sackEnabled();
        s.requestRScale = c.requestScale();
        return s;
    }

    /** TF_REQ_TSTMP and TF_RCVD_TSTMP: timestamps were negotiated. */
    boolean timestampsOn() {
        return reqTstmp && rcvdTstmp && !noOpt;
    }

    /** tcp.h (14.x): TCPI_OPT_TIMESTAMPS 0x01, TCPI_OPT_SACK 0x02, TCPI_OPT_WSCALE 0x04. */
    static final int TCPI_OPT_TIMESTAMPS = 0x01;
    static final int TCPI_OPT_SACK = 0x02;
    static final int TCPI_OPT_WSCALE = 0x04;

    /**
     * tcp_fill_info (tcp_usrreq.c, 14.x): TIMESTAMPS when TF_REQ_TSTMP and TF_RCVD_TSTMP, SACK
     * when TF_SACK_PERMIT, WSCALE when TF_REQ_SCALE and TF_RCVD_SCALE (ECN is not modelled).
     */
    int tcpiOptions() {
        int o = 0;
        if (reqTstmp && rcvdTstmp) {
            o |= TCPI_OPT_TIMESTAMPS;
        }
        if (sackPermit) {
            o |= TCPI_OPT_SACK;
        }
        if (reqScale && rcvdScale) {
            o |= TCPI_OPT_WSCALE;
        }
        return o;
    }

    /**
     * tcp_input.c, SYN_SENT with SYN set: keep window scaling, timestamps and SACK only if the
     * peer's SYN(-ACK) offered them; rcv_scale takes effect once our SYN is acknowledged.
     */
    void synReceivedInSynSent(TcpConnection tp, Packet syn) {
        TcpOptions o = syn.options();
        if (o.hasWscale() && reqScale && !noOpt) {
            rcvdScale = true;
            sndScale = Math.min(o.wscale(), TcpConstants.MAX_WINSHIFT);
        } else {
            reqScale = false;
        }
        if (o.hasTimestamp() && reqTstmp && !noOpt) {
            rcvdTstmp = true;
            tsRecent = o.tsVal();
            tsRecentAgeMs = tp.nowMs();
        } else {
            reqTstmp = false;
        }
        if (sackPermit && (!o.sackPermitted() || noOpt)) {
            sackPermit = false;
        }
        if ((syn.flags() & TcpFlags.ACK) != 0 && reqScale && rcvdScale) {
            rcvScale = requestRScale;
        }
    }

    /** tcp_ts_getticks() + ts_offset: the TSval this end puts on a segment now. */
    int tsValue(TcpConnection tp) {
        return TcpOptionConfig.tsTicks(tp.stack, tp.nowMs()) + tsOffset;
    }

    /**
     * The options tcp_output() puts on a segment with these flags. 7.0 and later (tcp_output.c
     * "Compute options for segment"): MSS, window scale and SACK permitted on a SYN; timestamps
     * once TF_RCVD_TSTMP (or on a SYN with TF_REQ_TSTMP); SACK blocks once established.
     * 4.x-6.x: the same choices, but the window scale and SACK permitted on a SYN-ACK only if
     * the peer sent them, and never a timestamp on an RST.
     */
    TcpOptions forOutput(TcpConnection tp, int flags) {
        if (noOpt) {
            return TcpOptions.NONE;
        }
        int major = tp.stack.profile().major();
        boolean syn = (flags & TcpFlags.SYN) != 0;
        boolean ack = (flags & TcpFlags.ACK) != 0;
        int mss = syn ? TcpMss.toOffer(tp.stack) : -1;
        int wscale;
        boolean ts;
        boolean sackOk;
        if (major >= 7) {
            wscale = syn && reqScale ? requestRScale : -1;
            ts = rcvdTstmp || (syn && reqTstmp);
            sackOk = syn && sackPermit;
        } else {
            wscale = syn && reqScale && (!ack || rcvdScale) ? requestRScale : -1;
            ts = reqTstmp && (flags & TcpFlags.RST) == 0 && ((syn && !ack) || rcvdTstmp);
            sackOk = syn && sackPermit;
        }
        List<TcpOption.SackBlock> blocks = List.of();
        boolean sackState = major >= 7 ? tp.state.haveEstablished() : tp.state == TcpState.ESTABLISHED;
        if (!syn && sackPermit && sackState) {
            blocks = tp.sackBlocksToSend();
        }
        int tsVal = ts ? tsValue(tp) : 0;
        int tsEcr = ts ? tsRecent : 0;
        // The segments of one burst carry the same options (same tick, same TSecr): options are
        // immutable, so the burst shares one copy instead of building it per segment.
        if (lastWanted == null || !lastWanted.sameAs(mss, wscale, sackOk, ts, tsVal, tsEcr, blocks)) {
            lastWanted = new TcpOptionWriter.Wanted(mss, wscale, sackOk, ts, tsVal, tsEcr, blocks);
            lastOptions = TcpOptionWriter.write(major, lastWanted, tp.stack.optionScratch);
        }
        return lastOptions;
    }

    /**
     * tcp_respond() for a connection (keepalive probe, challenge ACK): from the 11.x-era
     * tcp_subr.c on, a non-RST reply carries a timestamp when TF_RCVD_TSTMP (index id 870696075,
     * "incl_opts"); the first release with it is UNVERIFIED (11.x assumed); before, no options.
     */
    TcpOptions forRespond(TcpConnection tp, int flags) {
        if (noOpt || !rcvdTstmp || (flags & TcpFlags.RST) != 0 || tp.stack.profile().major() < 11) {
            return TcpOptions.NONE;
        }
        return TcpOptionWriter.write(tp.stack.profile().major(), new TcpOptionWriter.Wanted(-1, -1, false, true,
                tsValue(tp), tsRecent, List.of()));
    }

    /**
     * The window field: unscaled on a SYN ("the window field in a SYN ... is never scaled"),
     * else recwin >> rcv_scale, rounded up first from 12.x on ("Avoid shrinking window with
     * window scaling", 14.x tcp_output.c; first release UNVERIFIED).
     */
    int windowField(TcpConnection tp, int flags, long recwin) {
        if ((flags & TcpFlags.SYN) != 0) {
            return (int) Math.min(recwin, TcpConstants.MAXWIN);
        }
        long w = recwin;
        if (tp.stack.profile().major() >= 12 && rcvScale > 0) {
            long unit = 1L << rcvScale;
            w = (w + unit - 1) & ~(unit - 1);
        }
        return (int) Math.min(w >> rcvScale, TcpConstants.MAXWIN);
    }

    /** t_maxopd / t_maxseg: room for data plus options in one segment. */
    int segmentRoom(TcpConnection tp) {
        return tp.maxseg + (timestampsOn() ? TcpOptionWriter.TSTAMP_APPA : 0);
    }
}
