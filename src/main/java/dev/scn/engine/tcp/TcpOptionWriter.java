package dev.scn.engine.tcp;

import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;

import java.util.List;

/**
 * Lays out the options of a segment the kernel sends, in the layout of the simulated release.
 *
 * <p>7.0 and later: tcp_addoptions() (tcp_output.c; read in the 11.x-era file of
 * freebsd/freebsd-src and in 14.x, sobomax/freebsd14_vendor): options go in the order of their
 * TOF_* bit (MSS, window scale, SACK permitted, timestamp, SACK blocks), each after NOPs until
 * the length reached fits it: MSS at a multiple of 4; window scale once optlen is odd (and not 0);
 * SACK permitted once it is even; timestamp and SACK once optlen % 4 == 2 (and not 0). SACK
 * blocks take what is left of the 40 bytes. The list ends with one EOL and zero padding to a
 * multiple of 4 (TCPOPT_PAD is 0, so the pad bytes read as EOL too).
 *
 * <p>4.x-6.x built options inline in tcp_output() (5.x-era file, index id 118402113): MSS; on a
 * SYN, SACK permitted as NOP,NOP,SACKOK (TCPOPT_SACK_PERMIT_HDR) where the release has SACK;
 * window scale as NOP,WSCALE; the timestamp as NOP,NOP,TS (TCPOPT_TSTAMP_HDR, "appendix A of RFC
 * 1323"), never on a RST; SACK blocks as NOP,NOP,SACK, at most three, in ESTABLISHED only.
 * Everything is word aligned, so no EOL is needed.
 */
final class TcpOptionWriter {
    /** NOP carries nothing, so one instance pads every header. */
    private static final TcpOption NOP = new TcpOption.Nop();
    /** TCP_MAXOLEN. */
    static final int MAX_LENGTH = 40;
    /** TCPOLEN_TSTAMP_APPA: NOP, NOP and the 10-byte timestamp. */
    static final int TSTAMP_APPA = 12;
    /** 5.x tcp_output.c: "No more than three SACKs are sent". */
    private static final int LEGACY_MAX_SACKS = 3;

    private TcpOptionWriter() {
    }

    /**
     * What one segment should carry (struct tcpopt's to_flags and values).
     *
     * @param mss    MSS to offer, or -1 for none
     * @param wscale shift to offer, or -1 for none
     * @param sacks  SACK blocks to report (empty for none)
     */
    record Wanted(int mss, int wscale, boolean sackPermitted, boolean timestamp, int tsVal, int tsEcr,
                  List<TcpOption.SackBlock> sacks) {
        static Wanted none() {
            return new Wanted(-1, -1, false, false, 0, 0, List.of());
        }

        /** Whether these are the options described by the arguments (equals, without building one). */
        boolean sameAs(int mss, int wscale, boolean sackPermitted, boolean timestamp, int tsVal, int tsEcr,
                       List<TcpOption.SackBlock> sacks) {
            return this.mss == mss && this.wscale == wscale && this.sackPermitted == sackPermitted
                    && this.timestamp == timestamp && this.tsVal == tsVal && this.tsEcr == tsEcr
                    && this.sacks.equals(sacks);
        }
    }

    /** The layout for the profile's major version: tcp_addoptions() from 7.0, inline before. */
    static TcpOptions write(int major, Wanted w) {
        return write(major, w, new Out());
    }

    /** The same with the caller's scratch space, which a stack keeps for the segments it sends. */
    static TcpOptions write(int major, Wanted w, Out scratch) {
        scratch.clear();
        return major >= 7 ? addOptions(w, scratch) : legacy(w, scratch);
    }

    /** tcp_addoptions() of 7.0 and later. */
    static TcpOptions addOptions(Wanted w) {
        return addOptions(w, new Out());
    }

    private static TcpOptions addOptions(Wanted w, Out out) {
        if (w.mss() >= 0) {
            while (!(out.length % 4 == 0)) {
                out.add(NOP);
            }
            if (MAX_LENGTH - out.length >= 4) {
                out.add(new TcpOption.Mss(w.mss()));
            }
        }
        if (w.wscale() >= 0) {
            while (!(out.length != 0 && out.length % 2 == 1)) {
                out.add(NOP);
            }
            if (MAX_LENGTH - out.length >= 3) {
                out.add(new TcpOption.WindowScale(w.wscale()));
            }
        }
        if (w.sackPermitted()) {
            while (!(out.length % 2 == 0)) {
                out.add(NOP);
            }
            if (MAX_LENGTH - out.length >= 2) {
                out.add(new TcpOption.SackPermitted());
            }
        }
        if (w.timestamp()) {
            while (!(out.length != 0 && out.length % 4 == 2)) {
                out.add(NOP);
            }
            if (MAX_LENGTH - out.length >= 10) {
                out.add(new TcpOption.Timestamp(w.tsVal(), w.tsEcr()));
            }
        }
        if (!w.sacks().isEmpty()) {
            while (!(out.length != 0 && out.length % 4 == 2)) {
                out.add(NOP);
            }
            // TCPOLEN_SACKHDR + TCPOLEN_SACK: room for at least one block, else no SACK option.
            if (MAX_LENGTH - out.length >= 2 + 8) {
                int blocks = Math.min(w.sacks().size(), (MAX_LENGTH - out.length - 2) / 8);
                out.add(new TcpOption.Sack(w.sacks().subList(0, blocks)));
            }
        }
        if (out.length % 4 != 0) {
            // One TCPOPT_EOL, then TCPOPT_PAD (also 0) to the word boundary.
            while (out.length % 4 != 0) {
                out.add(new TcpOption.Eol());
            }
        }
        return out.options();
    }

    /** tcp_output()'s inline options of 4.x-6.x (SACK from 5.3; 4.x never asks for it). */
    static TcpOptions legacy(Wanted w) {
        return legacy(w, new Out());
    }

    private static TcpOptions legacy(Wanted w, Out out) {
        if (w.mss() >= 0) {
            out.add(new TcpOption.Mss(w.mss()));
        }
        if (w.sackPermitted()) {
            out.add(NOP);
            out.add(NOP);
            out.add(new TcpOption.SackPermitted());
        }
        if (w.wscale() >= 0) {
            out.add(NOP);
            out.add(new TcpOption.WindowScale(w.wscale()));
        }
        if (w.timestamp()) {
            out.add(NOP);
            out.add(NOP);
            out.add(new TcpOption.Timestamp(w.tsVal(), w.tsEcr()));
        }
        if (!w.sacks().isEmpty()) {
            int used = out.length;
            // maxsack = (MAX_TCPOPTLEN - (optlen + 4)) / TCPOLEN_SACK, at most TCP_MAX_SACK.
            int blocks = Math.min(Math.min(w.sacks().size(), LEGACY_MAX_SACKS), (MAX_LENGTH - (used + 4)) / 8);
            if (blocks > 0) {
                out.add(NOP);
                out.add(NOP);
                out.add(new TcpOption.Sack(w.sacks().subList(0, blocks)));
            }
        }
        return out.options();
    }

    /** The options of one header as they are laid down, with their length so far. */
    static final class Out {
        /** Forty option bytes hold at most forty one-byte options. */
        private final TcpOption[] items = new TcpOption[MAX_LENGTH];
        private int count;
        private int length;

        void clear() {
            count = 0;
            length = 0;
        }

        void add(TcpOption o) {
            items[count++] = o;
            length += o.length();
        }

        TcpOptions options() {
            return TcpOptions.of(items, count, length);
        }
    }
}
