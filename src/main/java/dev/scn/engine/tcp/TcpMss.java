package dev.scn.engine.tcp;

import dev.scn.engine.os.Sysctl;

/**
 * tcp_mss and tcp_mssopt: the segment size a connection offers and settles on, the socket
 * buffers rounded to whole segments, and the initial congestion window that follows from them.
 * Called when a SYN-ACK arrives (SYN_SENT) and when the syncache expands a connection.
 */
final class TcpMss {
    private TcpMss() {
    }

    /** tcp_mssopt: the interface MTU minus 40 bytes of headers. */
    static int toOffer(TcpStack stack) {
        // 14.x tcp_mssopt (tcp_input.c): mss = tcp_maxmtu() - min_protoh (40 for IPv4), the
        // outgoing interface's if_mtu, with no net.inet.tcp.minmss clamp: the suite's
        // snd-syn-mss-inherited-from-mtu-72 script offers "mss 32" (72 - 40), mtu-9000 "mss 8960".
        return stack.host().externalInterface().mtu() - TcpConstants.HEADERS;
    }

    /**
     * tcp_mss: t_maxseg from the peer's offer (tcp_mssdflt when it offered none) and our MTU, and
     * the initial congestion window: RFC 3390 min(4*mss, max(2*mss, 4380)) on 5.x-9.x
     * (net.inet.tcp.rfc3390=1); 10 segments min(10*mss, max(2*mss, 14600)) from 10.x
     * (initcwnd10); one segment (ss_fltsz) on 4.x (UNVERIFIED for 4.11).
     */
    static void negotiate(TcpConnection tp, int offered) {
        TcpStack stack = tp.stack;
        int peer = offered == 0 ? (int) stack.host().sysctls().get(Sysctl.TCP_MSSDFLT) : offered;
        int mss = Math.min(peer, toOffer(stack));
        int major = stack.profile().major();
        int whole = mss;
        // The socket buffers are rounded to whole segments of t_maxseg: 5.x tcp_mss subtracts the
        // timestamp option first (65536 -> 66608 = 46 x 1448); 11.x and later keep t_maxseg whole
        // (tcp_mss_update; tcp_maxseg() subtracts options when sizing segments), so 14.x rounds by
        // 1460 (65536 -> 65700, as the suite's scripts read with getsockopt). 11.x as the first such
        // release is UNVERIFIED.
        if (tp.opts.timestampsOn() && mss > TcpOptionWriter.TSTAMP_APPA) {
            // tcp_mss: "Adjust mss to leave space for the usual options" (TCPOLEN_TSTAMP_APPA);
            // 11.x and later keep t_maxseg whole but size segments and cwnd by tcp_maxseg(),
            // which subtracts the same 12 bytes.
            mss -= TcpOptionWriter.TSTAMP_APPA;
        }
        tp.maxseg = mss;
        tp.bufferRoundingMss = major >= 11 ? whole : mss;
        roundBuffers(tp, tp.bufferRoundingMss);
        if (major >= 10) {
            tp.cwnd = Math.min(10L * mss, Math.max(2L * mss, 14_600));
        } else if (major >= 5) {
            tp.cwnd = Math.min(4L * mss, Math.max(2L * mss, 4_380));
        } else {
            tp.cwnd = mss;
        }
    }

    /**
     * tcp_mss (tcp_input.c; same shape in 5.x's tcp_mss and 14.x's tcp_mss after
     * tcp_mss_update): the socket buffers become whole multiples of t_maxseg, the MSS before any
     * option is subtracted. Send: a buffer smaller than the MSS shrinks the MSS instead; else
     * roundup(sb_hiwat, mss), capped at sb_max (kern.ipc.maxsockbuf), reserved only if larger.
     * Receive: rounded up when larger than the MSS. 65536 -> 65700 with mss 1460 (45 x 1460),
     * 32768 -> 33580 (23 x 1460).
     */
    static void roundBuffers(TcpConnection tp, int mss) {
        long sbMax = tp.stack.host().sysctls().get(Sysctl.KERN_IPC_MAXSOCKBUF);
        if (tp.sndHiwat < mss) {
            tp.maxseg = (int) Math.max(tp.sndHiwat, 64);
        } else {
            long size = Math.min(roundUp(tp.sndHiwat, mss), sbMax);
            tp.sndHiwat = Math.max(tp.sndHiwat, size);
        }
        if (tp.rcvHiwat > mss) {
            long size = Math.min(roundUp(tp.rcvHiwat, mss), sbMax);
            tp.rcvHiwat = Math.max(tp.rcvHiwat, size);
        }
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
