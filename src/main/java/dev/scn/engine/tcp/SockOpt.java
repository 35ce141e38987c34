package dev.scn.engine.tcp;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Socket-option levels and names with FreeBSD's numbers (sys/sys/socket.h, netinet/in.h,
 * netinet/tcp.h, netinet/ip.h), and fcntl flags (sys/sys/fcntl.h), so a script's symbolic
 * names become the numbers {@link BsdSockets#getsockopt}/{@link BsdSockets#setsockopt} take.
 */
public final class SockOpt {
    private SockOpt() {
    }

    // Levels.
    public static final int SOL_SOCKET = 0xffff;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;

    // SOL_SOCKET (sys/socket.h).
    public static final int SO_DEBUG = 0x0001;
    public static final int SO_ACCEPTCONN = 0x0002;
    public static final int SO_REUSEADDR = 0x0004;
    public static final int SO_KEEPALIVE = 0x0008;
    public static final int SO_DONTROUTE = 0x0010;
    public static final int SO_LINGER = 0x0080;
    public static final int SO_REUSEPORT = 0x0200;
    public static final int SO_SNDBUF = 0x1001;
    public static final int SO_RCVBUF = 0x1002;
    public static final int SO_SNDLOWAT = 0x1003;
    public static final int SO_RCVLOWAT = 0x1004;
    public static final int SO_ERROR = 0x1007;
    public static final int SO_TYPE = 0x1008;

    // IPPROTO_IP (netinet/in.h).
    public static final int IP_TOS = 3;
    public static final int IP_TTL = 4;

    // IPPROTO_TCP (netinet/tcp.h).
    public static final int TCP_NODELAY = 1;
    public static final int TCP_MAXSEG = 2;
    public static final int TCP_NOPUSH = 4;
    public static final int TCP_NOOPT = 8;
    public static final int TCP_MD5SIG = 16;
    public static final int TCP_INFO = 32;
    public static final int TCP_KEEPINIT = 128;
    public static final int TCP_KEEPIDLE = 256;
    public static final int TCP_KEEPINTVL = 512;
    public static final int TCP_KEEPCNT = 1024;
    public static final int TCP_RACK_PACE_MAX_SEG = 1054;
    public static final int TCP_RACK_PACE_ALWAYS = 1055;
    public static final int TCP_RACK_PACE_RATE_SS = 1119;

    // Socket types and shutdown(2) directions (sys/socket.h).
    public static final int SOCK_STREAM = 1;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // fcntl (sys/fcntl.h).
    public static final int O_RDONLY = 0x0000;
    public static final int O_WRONLY = 0x0001;
    public static final int O_RDWR = 0x0002;
    public static final int O_NONBLOCK = 0x0004;

    // recv(2) flags.
    public static final int MSG_PEEK = 0x2;

    // IP_TOS values (netinet/ip.h): DSCP class selectors shifted into the TOS byte.
    public static final int IPTOS_DSCP_CS0 = 0x00;
    public static final int IPTOS_DSCP_CS1 = 0x20;
    public static final int IPTOS_DSCP_CS7 = 0xe0;

    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("SOL_SOCKET", SOL_SOCKET), Map.entry("IPPROTO_IP", IPPROTO_IP),
            Map.entry("IPPROTO_TCP", IPPROTO_TCP),
            Map.entry("SO_DEBUG", SO_DEBUG), Map.entry("SO_ACCEPTCONN", SO_ACCEPTCONN),
            Map.entry("SO_REUSEADDR", SO_REUSEADDR), Map.entry("SO_KEEPALIVE", SO_KEEPALIVE),
            Map.entry("SO_DONTROUTE", SO_DONTROUTE), Map.entry("SO_LINGER", SO_LINGER),
            Map.entry("SO_REUSEPORT", SO_REUSEPORT), Map.entry("SO_SNDBUF", SO_SNDBUF),
            Map.entry("SO_RCVBUF", SO_RCVBUF), Map.entry("SO_SNDLOWAT", SO_SNDLOWAT),
            Map.entry("SO_RCVLOWAT", SO_RCVLOWAT), Map.entry("SO_ERROR", SO_ERROR), Map.entry("SO_TYPE", SO_TYPE),
            Map.entry("IP_TOS", IP_TOS), Map.entry("IP_TTL", IP_TTL),
            Map.entry("TCP_NODELAY", TCP_NODELAY), Map.entry("TCP_MAXSEG", TCP_MAXSEG),
            Map.entry("TCP_NOPUSH", TCP_NOPUSH), Map.entry("TCP_NOOPT", TCP_NOOPT),
            Map.entry("TCP_MD5SIG", TCP_MD5SIG), Map.entry("TCP_INFO", TCP_INFO),
            Map.entry("TCP_KEEPINIT", TCP_KEEPINIT), Map.entry("TCP_KEEPIDLE", TCP_KEEPIDLE),
            Map.entry("TCP_KEEPINTVL", TCP_KEEPINTVL), Map.entry("TCP_KEEPCNT", TCP_KEEPCNT),
            Map.entry("TCP_RACK_PACE_MAX_SEG", TCP_RACK_PACE_MAX_SEG),
            Map.entry("TCP_RACK_PACE_ALWAYS", TCP_RACK_PACE_ALWAYS),
            Map.entry("TCP_RACK_PACE_RATE_SS", TCP_RACK_PACE_RATE_SS),
            Map.entry("SOCK_STREAM", SOCK_STREAM), Map.entry("SHUT_RD", SHUT_RD), Map.entry("SHUT_WR", SHUT_WR),
            Map.entry("SHUT_RDWR", SHUT_RDWR), Map.entry("O_RDONLY", O_RDONLY), Map.entry("O_WRONLY", O_WRONLY),
            Map.entry("O_RDWR", O_RDWR), Map.entry("O_NONBLOCK", O_NONBLOCK), Map.entry("MSG_PEEK", MSG_PEEK),
            Map.entry("IPTOS_DSCP_CS0", IPTOS_DSCP_CS0), Map.entry("IPTOS_DSCP_CS1", IPTOS_DSCP_CS1),
            Map.entry("IPTOS_DSCP_CS7", IPTOS_DSCP_CS7));

    /** The number of a symbolic constant a packetdrill script may write; empty when unknown. */
    public static OptionalInt byName(String name) {
        Integer value = NAMES.get(name);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
