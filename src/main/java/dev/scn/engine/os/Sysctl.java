package dev.scn.engine.os;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.scn.engine.os.SysctlSpec.INT_MAX;
import static dev.scn.engine.os.SysctlSpec.ALL;
import static dev.scn.engine.os.SysctlSpec.ro;
import static dev.scn.engine.os.SysctlSpec.rw;
import static dev.scn.engine.os.SysctlSpec.since;
import static dev.scn.engine.os.SysctlSpec.v;

/**
 * Every sysctl the engine models, one constant each: its OID name, unit, range, the releases
 * (majors) that have it, and its default per release. Engine code reads a value by constant
 * ({@code sysctls.get(Sysctl.TCP_DELACKTIME)}), an array slot indexed by ordinal, so a name the
 * engine reads but no release defines cannot compile; {@code SysctlRegistryTest} checks that each
 * constant exists on at least one modelled profile.
 *
 * <p>Adding a sysctl is one line here plus its reader, e.g.
 * <pre>{@code
 * TCP_FOO("net.inet.tcp.foo", Unit.BOOL, since(7), rw(0, 1), v(0).from(13, 1), "Kernel description"),
 * }</pre>
 * (exists from 7.0, default 0, 1 from 13.0). The declaration order is the order sysctl(8) lists
 * a subtree in (see {@code SysctlListing}); each group cites the source of its values.
 */
public enum Sysctl {
    // ---- net.inet.ip.fw.*: ip_fw2.c of 2002-2006 (file-scope statics and SYSCTL_INT lines) for the
    // lifetimes, dyn_max 4096 and dyn_buckets 256; ip_fw_dynamic.c after r332401 (2018, the 11.x and
    // later profiles) raised dyn_max to 16384, dyn_buckets to 8192 and added dyn_parent_max and
    // (r334039) dyn_keep_states.
    IPFW_ENABLE("net.inet.ip.fw.enable", Unit.BOOL, ALL, rw(0, 1), v(1), "Enable ipfw"),
    IPFW_AUTOINC_STEP("net.inet.ip.fw.autoinc_step", Unit.COUNT, ALL, rw(1, 1000), v(100),
            "Rule number auto-increment step"),
    IPFW_ONE_PASS("net.inet.ip.fw.one_pass", Unit.BOOL, ALL, rw(0, 1), v(1),
            "Only do a single pass through ipfw when using dummynet(4)"),
    IPFW_VERBOSE("net.inet.ip.fw.verbose", Unit.BOOL, ALL, rw(0, 1), v(0), "Log matches to ipfw rules"),
    IPFW_VERBOSE_LIMIT("net.inet.ip.fw.verbose_limit", Unit.COUNT, ALL, rw(0, INT_MAX), v(0),
            "Set upper limit of matches of ipfw rules logged"),
    IPFW_DYN_BUCKETS("net.inet.ip.fw.dyn_buckets", Unit.COUNT, ALL, rw(1, v(65536L).from(11, 524288L)),
            v(256).from(11, 8192L), "Number of dyn. buckets"),
    IPFW_CURR_DYN_BUCKETS("net.inet.ip.fw.curr_dyn_buckets", Unit.COUNT, ALL, ro(), v(256).from(11, 8192L),
            "Current Number of dyn. buckets"),
    IPFW_DYN_COUNT("net.inet.ip.fw.dyn_count", Unit.COUNT, ALL, ro(), v(0), "Number of dyn. rules"),
    IPFW_DYN_MAX("net.inet.ip.fw.dyn_max", Unit.COUNT, ALL, rw(0, INT_MAX), v(4096).from(11, 16384L),
            "Max number of dyn. rules"),
    IPFW_STATIC_COUNT("net.inet.ip.fw.static_count", Unit.COUNT, ALL, ro(), v(1), "Number of static rules"),
    IPFW_DYN_ACK_LIFETIME("net.inet.ip.fw.dyn_ack_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(300),
            "Lifetime of dyn. rules for acks"),
    IPFW_DYN_SYN_LIFETIME("net.inet.ip.fw.dyn_syn_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(20),
            "Lifetime of dyn. rules for syn"),
    IPFW_DYN_FIN_LIFETIME("net.inet.ip.fw.dyn_fin_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(1),
            "Lifetime of dyn. rules for fin"),
    IPFW_DYN_RST_LIFETIME("net.inet.ip.fw.dyn_rst_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(1),
            "Lifetime of dyn. rules for rst"),
    IPFW_DYN_UDP_LIFETIME("net.inet.ip.fw.dyn_udp_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(10),
            "Lifetime of dyn. rules for UDP"),
    IPFW_DYN_SHORT_LIFETIME("net.inet.ip.fw.dyn_short_lifetime", Unit.S, ALL, rw(0, INT_MAX), v(5),
            "Lifetime of dyn. rules for other situations"),
    IPFW_DYN_KEEPALIVE("net.inet.ip.fw.dyn_keepalive", Unit.BOOL, ALL, rw(0, 1), v(1),
            "Enable keepalives for dyn. rules"),
    IPFW_DYN_PARENT_MAX("net.inet.ip.fw.dyn_parent_max", Unit.COUNT, since(11), rw(0, INT_MAX), v(4096),
            "Max number of parent dynamic states"),
    IPFW_DYN_PARENT("net.inet.ip.fw.dyn_parent", Unit.COUNT, since(11), ro(), v(0), "Current number of parent states"),
    IPFW_DYN_KEEP_STATES("net.inet.ip.fw.dyn_keep_states", Unit.BOOL, since(11), rw(0, 1), v(0),
            "Do not flush dynamic states on rule deletion"),

    // ---- net.inet.tcp.*: values of tcp_timer.h (TCPTV_*), expressed in ms as sysctl prints them.
    TCP_MSL("net.inet.tcp.msl", Unit.MS, ALL, rw(1, INT_MAX), v(30_000), "Maximum segment lifetime"),
    TCP_KEEPIDLE("net.inet.tcp.keepidle", Unit.MS, ALL, rw(1, INT_MAX), v(7_200_000),
            "time before keepalive probes begin"),
    TCP_KEEPINTVL("net.inet.tcp.keepintvl", Unit.MS, ALL, rw(1, INT_MAX), v(75_000), "time between keepalive probes"),
    TCP_KEEPINIT("net.inet.tcp.keepinit", Unit.MS, ALL, rw(1, INT_MAX), v(75_000), "time to establish connection"),
    TCP_ALWAYS_KEEPALIVE("net.inet.tcp.always_keepalive", Unit.BOOL, ALL, rw(0, 1), v(1),
            "Assume SO_KEEPALIVE on all TCP connections"),
    TCP_DELAYED_ACK("net.inet.tcp.delayed_ack", Unit.BOOL, ALL, rw(0, 1), v(1),
            "Delay ACK to try and piggyback it onto a data packet"),
    // TCPTV_DELACK: hz/10 = 100 ms in the 6.x, 9.3 and 12.x-era tcp_timer.h; 40 ms on 14.x, as the
    // FreeBSD test suite (main) times its delayed ACKs (rcv-data-segments/reordering-*.pkt: the ACK
    // 0.04 s after the segment); the hz/25 line itself and the release it came in are UNVERIFIED.
    TCP_DELACKTIME("net.inet.tcp.delacktime", Unit.MS, ALL, rw(1, INT_MAX), v(100).from(14, 40L),
            "Time before a delayed ACK is sent"),
    TCP_BLACKHOLE("net.inet.tcp.blackhole", Unit.COUNT, ALL, rw(0, 2), v(0), "Do not send RST on segments to closed ports"),
    // tcp_mssdflt = TCP_MSS (tcp.h): 512 in the 5.x-era file, 536 ("For IPv4 the MSS is 576 -
    // sizeof(struct tcpiphdr)") in releng/9.3 and release/10.4.0 tcp.h; 6.x-8.x UNVERIFIED, kept 512.
    TCP_MSSDFLT("net.inet.tcp.mssdflt", Unit.BYTES, ALL, rw(1, 65535), v(512).from(9, 536L),
            "Default TCP Maximum Segment Size"),
    TCP_SENDSPACE("net.inet.tcp.sendspace", Unit.BYTES, ALL, rw(1, INT_MAX), v(32_768), "Maximum outgoing TCP datagram size"),
    TCP_RECVSPACE("net.inet.tcp.recvspace", Unit.BYTES, ALL, rw(1, INT_MAX), v(65_536), "Maximum incoming TCP datagram size"),
    // tcp_input.c of 5.x: static int tcp_insecure_rst = 0 (accept any in-window RST when 1).
    // 12.x-era tcp_input.c (RFC 5961) rewords it: "Follow RFC793 instead of RFC5961 criteria ...".
    TCP_INSECURE_RST("net.inet.tcp.insecure_rst", Unit.BOOL, since(5), rw(0, 1), v(0),
            v("Follow the old (insecure) criteria for accepting RST packets")
                    .from(12, "Follow RFC793 instead of RFC5961 criteria for accepting RST packets")),
    TCP_FAST_FINWAIT2_RECYCLE("net.inet.tcp.fast_finwait2_recycle", Unit.BOOL, since(7), rw(0, 1), v(0),
            "Recycle closed FIN_WAIT_2 connections faster"),
    TCP_FINWAIT2_TIMEOUT("net.inet.tcp.finwait2_timeout", Unit.MS, since(7), rw(1, INT_MAX), v(60_000),
            "FIN-WAIT2 timeout"),
    // tcp_timer.c: "int tcp_keepcnt = TCPTV_KEEPCNT" (8) with SYSCTL_INT keepcnt in releng/9.3 and
    // release/10.4.0 and later; static, no sysctl, in 6.x and the 7.x-era file; 8.x UNVERIFIED.
    TCP_KEEPCNT("net.inet.tcp.keepcnt", Unit.COUNT, since(9), rw(0, INT_MAX), v(8), "Number of keepalive probes to send"),
    // tcp_timer.c SYSCTL_PROCs in ms (sysctl_msec_to_ticks), set in tcp_init: rexmit_min = TCPTV_MIN,
    // 3 ticks (30 ms at 4.x's hz = 100, 3 ms at hz = 1000 in 6.x/7.x; 5.x's hz UNVERIFIED) and hz/33 =
    // 30 ms from 9.3 on; rexmit_slop = TCPTV_CPU_VAR = hz/5 = 200 ms (RELENG_4 from 4.7, Dillon's MFC).
    TCP_REXMIT_MIN("net.inet.tcp.rexmit_min", Unit.MS, ALL, rw(1, INT_MAX), v(30).from(5, 3L).from(9, 30L),
            "Minimum Retransmission Timeout"),
    TCP_REXMIT_SLOP("net.inet.tcp.rexmit_slop", Unit.MS, ALL, rw(1, INT_MAX), v(200), "Retransmission Timer Slop"),
    // tcp_rexmit_initial = TCPTV_RTOBASE = 1*hz: declared in the 12.x-era tcp_timer.h, a sysctl in the
    // 12.x-era tcp_timer.c, index id 723206234 ("Initial Retransmission Timeout"); earlier releases use the constant 3 s.
    TCP_REXMIT_INITIAL("net.inet.tcp.rexmit_initial", Unit.MS, since(12), rw(1, INT_MAX), v(1_000),
            "Initial Retransmission Timeout"),
    // RFC 5961 section 4 (12.x-era tcp_input.c: VNET_DEFINE(int, tcp_insecure_syn) = 0).
    TCP_INSECURE_SYN("net.inet.tcp.insecure_syn", Unit.BOOL, since(12), rw(0, 1), v(0),
            "Follow RFC793 instead of RFC5961 criteria for accepting SYN packets"),
    // tcp_input.c: "static int drop_synfin = 0" unconditionally in the 2007 HEAD file (7.0); 5.x/6.x
    // only under "options TCP_DROP_SYNFIN", which GENERIC does not set, so no sysctl there.
    TCP_DROP_SYNFIN("net.inet.tcp.drop_synfin", Unit.BOOL, since(7), rw(0, 1), v(0), "Drop TCP packets with SYN+FIN set"),

    // ---- The TCP options a host offers (docs/research/freebsd-sources-6-options.md):
    // net.inet.tcp.rfc1323 (tcp_subr.c tcp_do_rfc1323 = 1 in every release modelled) for window scaling
    // and timestamps; net.inet.tcp.sack.enable from 5.3, when SACK came (RELENG_4 has none; default 1,
    // as 14.x; 5.4's default UNVERIFIED); net.inet.tcp.tolerate_missing_ts (14.x tcp_subr.c, default 1)
    // on the profiles after the 2020-21 change only; kern.ipc.maxsockbuf (sb_max, by which 7.x and later
    // size the window scale): SB_MAX 256 KiB in the 5.x/6.x-era socketvar.h (UNVERIFIED for 4.11-6.4,
    // unused there: they scale by recvspace) and still in an 8-CURRENT copy of 2008-07, so 7.4 and 8.4
    // keep 256 KiB (UNVERIFIED for those releases); 2 MiB in release/9.1.0 and releng/9.3 and in 14.x
    // (docs/research/freebsd-sources-6-options-by-release.md).
    TCP_RFC1323("net.inet.tcp.rfc1323", Unit.BOOL, ALL, rw(0, 1), v(1), "Enable rfc1323 (high performance TCP) extensions"),
    TCP_SACK_ENABLE("net.inet.tcp.sack.enable", Unit.BOOL, since(5), rw(0, 1), v(1), "Enable/Disable TCP SACK support"),
    TCP_TOLERATE_MISSING_TS("net.inet.tcp.tolerate_missing_ts", Unit.BOOL, since(13), rw(0, 1), v(1),
            "Tolerate missing TCP timestamps"),
    KERN_IPC_SOMAXCONN("kern.ipc.somaxconn", Unit.COUNT, ALL, rw(1, 65535), v(128),
            "Maximum listen socket pending connection accept queue size"),
    // ---- Set by FreeBSD's TCP test suite to their defaults before each script; scn keeps each value
    // but models no behaviour behind it (the host cache is not modelled, so purgenow flushes
    // nothing), except ecn.enable/ecn.maxretries, read by engine/tcp/TcpEcn (RFC 3168 setup). 14.x
    // defaults from tcp_input.c/tcp_hostcache.c/tcp_timer.c of 14.x; the first release of each is
    // UNVERIFIED, so they exist on the 13.x and later profiles only.
    TCP_ECN_ENABLE("net.inet.tcp.ecn.enable", Unit.COUNT, since(13), rw(0, 4), v(2), "TCP ECN support"),
    TCP_ECN_MAXRETRIES("net.inet.tcp.ecn.maxretries", Unit.COUNT, since(13), rw(0, INT_MAX), v(1),
            "Max retries before giving up on ECN"),
    TCP_HOSTCACHE_PURGENOW("net.inet.tcp.hostcache.purgenow", Unit.BOOL, since(13), rw(0, 1), v(0),
            "Immediate purge of all entries"),
    TCP_REXMIT_DROP_OPTIONS("net.inet.tcp.rexmit_drop_options", Unit.BOOL, since(13), rw(0, 1), v(0),
            "Drop TCP options from 3rd and later retransmitted SYN"),
    KERN_IPC_MAXSOCKBUF("kern.ipc.maxsockbuf", Unit.BYTES, ALL, rw(1, 0xffff_ffffL), v(262_144).from(9, 2_097_152L),
            "Maximum socket buffer size"),

    // ---- The syncache (tcp_syncache.c, every modelled release has it: it came with 4.5):
    // syncookies = 1 in RELENG_4, 6.x, 7.x and HEAD; syncookies_only (default 0) in the 8.x-era files
    // and later (7.x UNVERIFIED, left out); hashsize 512 and bucketlimit 30 (boot-time tunables,
    // read-only at run time); cachelimit hashsize x bucketlimit, less one in 4.x-6.x
    // ("tcp_syncache.cache_limit -= 1" after uma_zone_set_max); rexmtlimit SYNCACHE_MAXREXMTS = 3.
    TCP_SYNCOOKIES("net.inet.tcp.syncookies", Unit.BOOL, ALL, rw(0, 1), v(1),
            "Use TCP SYN cookies if the syncache overflows"),
    TCP_SYNCOOKIES_ONLY("net.inet.tcp.syncookies_only", Unit.BOOL, since(8), rw(0, 1), v(0), "Use only TCP SYN cookies"),
    SYNCACHE_BUCKETLIMIT("net.inet.tcp.syncache.bucketlimit", Unit.COUNT, ALL, ro(), v(30),
            "Per-bucket hash limit for syncache"),
    SYNCACHE_CACHELIMIT("net.inet.tcp.syncache.cachelimit", Unit.COUNT, ALL, ro(), v(15_359).from(7, 15_360L),
            "Overall entry limit for syncache"),
    SYNCACHE_COUNT("net.inet.tcp.syncache.count", Unit.COUNT, ALL, ro(), v(0), "Current number of entries in syncache"),
    SYNCACHE_HASHSIZE("net.inet.tcp.syncache.hashsize", Unit.COUNT, ALL, ro(), v(512), "Size of TCP syncache hashtable"),
    SYNCACHE_REXMTLIMIT("net.inet.tcp.syncache.rexmtlimit", Unit.COUNT, ALL, rw(0, v(INT_MAX).from(12, 12L)), v(3),
            "Limit on SYN/ACK retransmissions"),

    // ---- net.inet.ip.*. Default ephemeral range (in_pcb.c ipport_firstauto/ipport_lastauto):
    // RELENG_4 (rev 1.59.2.27, 2004) IPPORT_RESERVED..IPPORT_USERRESERVED = 1024-5000; 6.x (rev 1.169,
    // 2006) and the 7.0-era HEAD IPPORT_HIFIRSTAUTO..IPPORT_HILASTAUTO = 49152-65535; 9.x on
    // IPPORT_EPHEMERALFIRST..LAST = 10000-65535. 5.4 is UNVERIFIED (no RELENG_5 copy of in_pcb.c found):
    // model-freebsd.md's "Handbook era" 1024-5000 is kept. 7.4/8.4 as the 7.0 HEAD (UNVERIFIED
    // whether the 10000 change reached stable/8).
    IP_TTL("net.inet.ip.ttl", Unit.COUNT, ALL, rw(1, 255), v(64), "Maximum TTL on IP packets"),
    IP_PORTRANGE_FIRST("net.inet.ip.portrange.first", Unit.PORT, ALL, rw(1, 65535),
            v(1024).from(6, 49152L).from(9, 10_000L), ""),
    IP_PORTRANGE_LAST("net.inet.ip.portrange.last", Unit.PORT, ALL, rw(1, 65535), v(5000).from(6, 65535L), ""),
    // RELENG_4 has no randomization (sequential ports); 6.x in_pcb.c: ipport_randomized = 1.
    // Present in 5.x: UNVERIFIED (assumed, as 6.0 branched from 5.x HEAD with it).
    IP_PORTRANGE_RANDOMIZED("net.inet.ip.portrange.randomized", Unit.BOOL, since(5), rw(0, 1), v(1),
            "Enable random port allocation");

    /** What a bare number means, as sysctl(8) and the reports print it. */
    public enum Unit {
        S("s"), MS("ms"), BOOL("bool"), COUNT("count"), BYTES("bytes"), PORT("port");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Map<String, Sysctl> BY_OID = new HashMap<>();

    static {
        for (Sysctl s : values()) {
            if (BY_OID.put(s.oid, s) != null) {
                throw new ExceptionInInitializerError("sysctl declared twice: " + s.oid);
            }
        }
    }

    private final String oid;
    private final Unit unit;
    private final SysctlSpec.Releases releases;
    private final SysctlSpec.Access access;
    private final SysctlSpec.ByRelease<Long> defaults;
    private final SysctlSpec.ByRelease<String> descriptions;

    Sysctl(String oid, Unit unit, SysctlSpec.Releases releases, SysctlSpec.Access access,
           SysctlSpec.ByRelease<Long> defaults, String description) {
        this(oid, unit, releases, access, defaults, v(description));
    }

    Sysctl(String oid, Unit unit, SysctlSpec.Releases releases, SysctlSpec.Access access,
           SysctlSpec.ByRelease<Long> defaults, SysctlSpec.ByRelease<String> descriptions) {
        this.oid = oid;
        this.unit = unit;
        this.releases = releases;
        this.access = access;
        this.defaults = defaults;
        this.descriptions = descriptions;
    }

    /** The OID name, e.g. {@code net.inet.tcp.delacktime}. */
    public String oid() {
        return oid;
    }

    /** The last component of the name ({@code dyn_syn_lifetime}), as ipfw's own messages name it. */
    public String leaf() {
        return oid.substring(oid.lastIndexOf('.') + 1);
    }

    public Unit unit() {
        return unit;
    }

    /** Whether the release with this major version has the sysctl. */
    public boolean existsIn(int major) {
        return releases.contains(major);
    }

    /** The definition on one release, or empty where that release does not have it. */
    public Optional<SysctlDef> on(int major) {
        if (!existsIn(major)) {
            return Optional.empty();
        }
        long def = defaults.at(major);
        long min = access.readOnly() ? def : access.min();
        long max = access.readOnly() ? def : access.max().at(major);
        return Optional.of(new SysctlDef(oid, def, min, max, access.readOnly(), unit.symbol(), descriptions.at(major)));
    }

    /** The constant for a name a user wrote, if the engine models it on some release. */
    public static Optional<Sysctl> byOid(String oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }
}
