package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;

/**
 * getsockopt/setsockopt as FreeBSD 14 answers them: sogetopt/sosetopt (sys/kern/uipc_socket.c)
 * for SOL_SOCKET, tcp_ctloutput and tcp_default_ctloutput (sys/netinet/tcp_usrreq.c) for
 * IPPROTO_TCP, ip_ctloutput (sys/netinet/ip_output.c) for IPPROTO_IP. Times are given in
 * seconds and kept in milliseconds (hz = 1000).
 */
final class SocketOptions {
    private SocketOptions() {
    }

    static SysResult get(TcpStack stack, SocketFile s, int level, int name) {
        return switch (level) {
            case SockOpt.SOL_SOCKET -> getSocket(s, name);
            case SockOpt.IPPROTO_IP -> getIp(stack, s, name);
            case SockOpt.IPPROTO_TCP -> dropped(s) ? SysResult.error(Errno.ECONNRESET) : getTcp(stack, s, name);
            default -> SysResult.error(Errno.ENOPROTOOPT);
        };
    }

    static SysResult set(TcpStack stack, SocketFile s, int level, int name, long value) {
        return switch (level) {
            case SockOpt.SOL_SOCKET -> setSocket(s, name, value);
            case SockOpt.IPPROTO_IP -> setIp(s, name, value);
            case SockOpt.IPPROTO_TCP -> dropped(s) ? SysResult.error(Errno.ECONNRESET) : setTcp(stack, s, name, value);
            default -> SysResult.error(Errno.ENOPROTOOPT);
        };
    }

    /** tcp_ctloutput: "if (inp->inp_flags & INP_DROPPED) return (ECONNRESET)" once tcp_close ran. */
    private static boolean dropped(SocketFile s) {
        return s.tp != null && s.tp.state() == TcpState.CLOSED;
    }

    // ---- SOL_SOCKET ----------------------------------------------------------------------------

    /**
     * sogetopt: boolean options answer "so_options & name", i.e. the option's bit (4 for
     * SO_REUSEADDR), not 1; SO_ERROR returns so_error and clears it; SO_RCVBUF/SO_SNDBUF the
     * buffers' sb_hiwat.
     */
    private static SysResult getSocket(SocketFile s, int name) {
        return switch (name) {
            case SockOpt.SO_REUSEADDR -> SysResult.ok(s.reuseAddr ? SockOpt.SO_REUSEADDR : 0);
            case SockOpt.SO_REUSEPORT -> SysResult.ok(s.reusePort ? SockOpt.SO_REUSEPORT : 0);
            case SockOpt.SO_KEEPALIVE -> SysResult.ok(s.keepAlive ? SockOpt.SO_KEEPALIVE : 0);
            case SockOpt.SO_ACCEPTCONN -> SysResult.ok(s.listening ? SockOpt.SO_ACCEPTCONN : 0);
            case SockOpt.SO_RCVBUF -> SysResult.ok(s.tp != null ? s.tp.rcvHiwat : s.rcvHiwat);
            case SockOpt.SO_SNDBUF -> SysResult.ok(s.tp != null ? s.tp.sndHiwat : s.sndHiwat);
            case SockOpt.SO_TYPE -> SysResult.ok(SockOpt.SOCK_STREAM);
            case SockOpt.SO_LINGER -> SysResult.ok(s.lingerOn ? s.lingerSeconds : 0);
            case SockOpt.SO_ERROR -> {
                Errno e = s.soError;
                s.soError = null;
                yield SysResult.ok(e == null ? 0 : e.number());
            }
            default -> SysResult.error(Errno.ENOPROTOOPT);
        };
    }

    /**
     * sosetopt: SO_RCVBUF/SO_SNDBUF reserve the new size (sbreserve: EINVAL for 0 or above
     * kern.ipc.maxsockbuf's limit) and turn automatic sizing off; flags set or clear a bit.
     */
    private static SysResult setSocket(SocketFile s, int name, long value) {
        switch (name) {
            case SockOpt.SO_REUSEADDR -> s.reuseAddr = value != 0;
            case SockOpt.SO_REUSEPORT -> s.reusePort = value != 0;
            case SockOpt.SO_KEEPALIVE -> {
                s.keepAlive = value != 0;
                if (s.tp != null) {
                    s.tp.keepAliveOption = s.keepAlive;
                }
            }
            case SockOpt.SO_RCVBUF, SockOpt.SO_SNDBUF -> {
                if (value < 1) {
                    return SysResult.error(Errno.EINVAL);
                }
                if (name == SockOpt.SO_RCVBUF) {
                    s.rcvHiwat = value;
                    if (s.tp != null) {
                        s.tp.rcvHiwat = value;
                    }
                } else {
                    s.sndHiwat = value;
                    if (s.tp != null) {
                        s.tp.sndHiwat = value;
                    }
                }
            }
            case SockOpt.SO_LINGER -> {
                s.lingerOn = value >= 0;
                s.lingerSeconds = (int) Math.max(0, value);
            }
            default -> {
                return SysResult.error(Errno.ENOPROTOOPT);
            }
        }
        return SysResult.ok(0);
    }

    // ---- IPPROTO_IP ------------------------------------------------------------------------------

    private static SysResult getIp(TcpStack stack, SocketFile s, int name) {
        return switch (name) {
            case SockOpt.IP_TOS -> SysResult.ok(s.ipTos);
            case SockOpt.IP_TTL -> SysResult.ok(s.ipTtl >= 0 ? s.ipTtl : stack.defaultTtl());
            default -> SysResult.error(Errno.ENOPROTOOPT);
        };
    }

    /**
     * ip_ctloutput: IP_TOS and IP_TTL set inp_ip_tos / inp_ip_ttl (EINVAL outside 0..255);
     * tcp_ctloutput then clears the ECN bits of the TOS (TCP owns them: "inp->inp_ip_tos &=
     * ~IPTOS_ECN_MASK").
     */
    private static SysResult setIp(SocketFile s, int name, long value) {
        if (name != SockOpt.IP_TOS && name != SockOpt.IP_TTL) {
            return SysResult.error(Errno.ENOPROTOOPT);
        }
        if (value < -1 || value > 255) {
            return SysResult.error(Errno.EINVAL);
        }
        if (name == SockOpt.IP_TOS) {
            s.ipTos = (int) value & ~0x03;
            if (s.tp != null) {
                s.tp.ipTos = s.ipTos;
            }
        } else {
            s.ipTtl = (int) value;
            if (s.tp != null) {
                s.tp.ipTtl = s.ipTtl;
            }
        }
        return SysResult.ok(0);
    }

    // ---- IPPROTO_TCP -----------------------------------------------------------------------------

    /**
     * tcp_default_ctloutput (get): TCP_KEEP* in seconds, TP_KEEPIDLE(tp) / hz etc., i.e. the
     * socket's value or the sysctl; TCP_MAXSEG t_maxseg (tcp_mssdflt before the handshake).
     */
    private static SysResult getTcp(TcpStack stack, SocketFile s, int name) {
        TcpConnection c = s.tp;
        return switch (name) {
            case SockOpt.TCP_NODELAY -> SysResult.ok(s.noDelay ? SockOpt.TCP_NODELAY : 0);
            case SockOpt.TCP_NOOPT -> SysResult.ok(s.noOpt ? SockOpt.TCP_NOOPT : 0);
            case SockOpt.TCP_MAXSEG -> SysResult.ok(c != null ? c.maxseg : stack.host().sysctls().get(dev.scn.engine.os.Sysctl.TCP_MSSDFLT));
            case SockOpt.TCP_KEEPIDLE -> SysResult.ok((s.keepIdleMs != 0 ? s.keepIdleMs : stack.keepIdleMs()) / 1000);
            case SockOpt.TCP_KEEPINTVL -> SysResult.ok((s.keepIntvlMs != 0 ? s.keepIntvlMs : stack.keepIntvlMs()) / 1000);
            case SockOpt.TCP_KEEPINIT -> SysResult.ok((s.keepInitMs != 0 ? s.keepInitMs : stack.keepInitMs()) / 1000);
            case SockOpt.TCP_KEEPCNT -> SysResult.ok(s.keepCnt != 0 ? s.keepCnt : stack.keepCnt());
            default -> SysResult.error(Errno.ENOPROTOOPT);
        };
    }

    /**
     * tcp_default_ctloutput (set). TCP_KEEPIDLE re-arms the keep timer when the state is past
     * LISTEN and at most CLOSING; TCP_KEEPINIT re-arms it in SYN_SENT/SYN_RECEIVED; values above
     * UINT_MAX / hz are EINVAL. Options the default stack does not know (the RACK stack's
     * TCP_RACK_*) answer ENOPROTOOPT.
     */
    private static SysResult setTcp(TcpStack stack, SocketFile s, int name, long value) {
        TcpConnection c = s.tp;
        switch (name) {
            case SockOpt.TCP_NODELAY -> {
                s.noDelay = value != 0;
                if (c != null) {
                    c.noDelay = s.noDelay;
                }
            }
            case SockOpt.TCP_NOOPT -> {
                s.noOpt = value != 0;
                if (c != null) {
                    c.opts.noOpt = s.noOpt;
                }
            }
            case SockOpt.TCP_KEEPIDLE, SockOpt.TCP_KEEPINTVL, SockOpt.TCP_KEEPINIT -> {
                if (value < 0 || value > 0xffffffffL / 1000) {
                    return SysResult.error(Errno.EINVAL);
                }
                setKeepTime(s, c, name, value * 1000);
            }
            case SockOpt.TCP_KEEPCNT -> {
                if (value < 0) {
                    return SysResult.error(Errno.EINVAL);
                }
                s.keepCnt = (int) value;
                if (c != null) {
                    c.keepCntSet = s.keepCnt;
                }
            }
            case SockOpt.TCP_MD5SIG -> {
                // Accepted where the tcpmd5 module is loaded (the suite's machines); not modelled.
            }
            default -> {
                return SysResult.error(Errno.ENOPROTOOPT);
            }
        }
        return SysResult.ok(0);
    }

    private static void setKeepTime(SocketFile s, TcpConnection c, int name, long ms) {
        switch (name) {
            case SockOpt.TCP_KEEPIDLE -> {
                s.keepIdleMs = ms;
                if (c != null) {
                    c.keepIdleSetMs = ms;
                    if (c.state().compareTo(TcpState.LISTEN) > 0 && c.state().compareTo(TcpState.CLOSING) <= 0) {
                        c.arm(TimerKind.KEEP, c.keepIdleMs());
                    }
                }
            }
            case SockOpt.TCP_KEEPINTVL -> {
                s.keepIntvlMs = ms;
                if (c != null) {
                    c.keepIntvlSetMs = ms;
                }
            }
            default -> {
                s.keepInitMs = ms;
                if (c != null) {
                    c.keepInitSetMs = ms;
                    if (c.state() == TcpState.SYN_SENT || c.state() == TcpState.SYN_RECEIVED) {
                        c.arm(TimerKind.KEEP, c.keepInitMs());
                    }
                }
            }
        }
    }

    /** tcp_fill_info: the fields scripts read; a socket that never connected is CLOSED. */
    static TcpInfo info(TcpStack stack, SocketFile s) {
        TcpConnection c = s.tp;
        if (c == null) {
            int state = TcpInfo.tcpsNumber(s.listening ? TcpState.LISTEN : TcpState.CLOSED);
            long mss = stack.host().sysctls().get(dev.scn.engine.os.Sysctl.TCP_MSSDFLT);
            return new TcpInfo(state, 0, 0, 0, stack.rtoBaseMs() * 1000, 0, 0, 0, 0, (int) mss, (int) mss,
                    s.rcvHiwat, 0, 0, 0, 0);
        }
        return new TcpInfo(TcpInfo.tcpsNumber(c.state()), c.tcpiOptions(), c.tcpiSndWscale(), c.tcpiRcvWscale(), c.rxtCurMs * 1000,
                (c.srtt >> TcpConstants.RTT_SHIFT) * 1000, (c.rttvar >> TcpConstants.RTTVAR_SHIFT) * 1000,
                c.ssthresh, c.cwnd, c.maxseg, c.maxseg, c.rcvHiwat, c.sndWnd & 0xffffffffL, c.sndNxt, c.rcvNxt, 0);
    }
}
