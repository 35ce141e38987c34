package dev.scn.engine.tcp;

import dev.scn.engine.os.Sysctl;
import dev.scn.engine.os.Sysctls;

/**
 * The sysctls that decide which options a host offers, read when a tcpcb or syncache entry is
 * made (the kernel reads V_tcp_do_rfc1323 and V_tcp_do_sack in tcp_newtcpcb and syncache_add).
 */
final class TcpOptionConfig {

    private final TcpStack stack;
    private final Sysctls sysctls;

    TcpOptionConfig(TcpStack stack) {
        this.stack = stack;
        this.sysctls = stack.host().sysctls();
    }

    boolean rfc1323() {
        return sysctls.get(Sysctl.TCP_RFC1323) != 0;
    }

    /** net.inet.tcp.sack.enable where the release has SACK (5.3 on), else false. */
    boolean sackEnabled() {
        return sysctls.has(Sysctl.TCP_SACK_ENABLE) && sysctls.get(Sysctl.TCP_SACK_ENABLE) != 0;
    }

    /**
     * The missing-timestamp rule (RFC 7323 section 3.2; tcp_input.c tcp_do_segment, tcp_timewait.c
     * tcp_twcheck): true when a segment without a timestamp on a connection that negotiated them
     * is dropped. Releases without net.inet.tcp.tolerate_missing_ts have no such rule.
     */
    boolean dropsMissingTimestamps() {
        return sysctls.has(Sysctl.TCP_TOLERATE_MISSING_TS) && sysctls.get(Sysctl.TCP_TOLERATE_MISSING_TS) == 0;
    }

    /**
     * The window scale to request: the smallest shift with TCP_MAXWIN << shift not below the
     * limit. 7.x and later use sb_max (kern.ipc.maxsockbuf; tcp_usrreq.c tcp_connect and
     * syncache_add, "Scale to fit into sweet spot"); 4.x-6.x the receive buffer's sb_hiwat
     * (net.inet.tcp.recvspace; same functions, index ids 141282132, 39453244).
     */
    int requestScale() {
        long limit = stack.profile().major() >= 7 && sysctls.has(Sysctl.KERN_IPC_MAXSOCKBUF)
                ? sysctls.get(Sysctl.KERN_IPC_MAXSOCKBUF) : stack.receiveSpace();
        int scale = 0;
        while (scale < TcpConstants.MAX_WINSHIFT && ((long) TcpConstants.MAXWIN << scale) < limit) {
            scale++;
        }
        return scale;
    }

    /**
     * tcp_ts_getticks(): milliseconds of uptime (14.x: getmicrouptime in 1 kHz units); 4.x-6.x put
     * "ticks" on the wire, which counts at hz (100 on 4.x, 1000 from 5.x, as TcpStack.rexmitMinMs
     * says). The simulation's start stands for boot.
     */
    /**
     * ts_offset: 12.x and later give each connection its own offset (tcp_new_ts_offset, a keyed
     * hash of the endpoints; net.inet.tcp.ts_offset_per_conn=1 in 14.x), so TSval does not
     * reveal uptime; earlier releases send the clock itself (5.x tcp_output.c: htonl(ticks)).
     * The first release with the offset is UNVERIFIED (the 12.x-era tcp_usrreq.c, index id
     * 8466115, has it). The key is drawn from the scenario seed; the flow picks the value.
     */
    static int tsOffset(TcpStack stack, dev.scn.engine.flow.FlowKey flow) {
        if (stack.profile().major() < 12) {
            return 0;
        }
        long key = stack.host().simulator().random("host " + stack.host().name() + " tcp ts secret").nextLong();
        long z = key ^ (((long) flow.addressLow() * 31 + flow.portLow()) * 31 + flow.addressHigh()) * 31 + flow.portHigh();
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (z ^ (z >>> 33));
    }

    static int tsTicks(TcpStack stack, long nowMs) {
        return (int) (stack.profile().major() <= 4 ? nowMs / 10 : nowMs);
    }
}
