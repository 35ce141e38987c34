package dev.scn.engine.os;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The modelled FreeBSD releases and the mapping from any release a scenario names to one of
 * them (model-freebsd.md, "Profiles"). Sysctl defaults are the kernel's code values, with the
 * source of each group cited where it is declared.
 */
public final class Profiles {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final List<Profile> ALL = List.of(
            profile(4, 11, IpfwEra.IPFW2_2002),
            profile(5, 4, IpfwEra.IPFW2_2002),
            profile(6, 4, IpfwEra.IPFW2_2002),
            profile(7, 4, IpfwEra.IPFW2_2002),
            profile(8, 4, IpfwEra.IPFW2_2002),
            profile(9, 3, IpfwEra.BOTH_SIDES_2012),
            profile(10, 4, IpfwEra.SWEEP_2013),
            profile(11, 4, IpfwEra.REWRITE_2018),
            profile(14, 2, IpfwEra.REWRITE_2018));

    private Profiles() {
    }

    public static List<Profile> all() {
        return ALL;
    }

    /** The profile modelled for exactly this release, if any ("5.4", "14.2"). */
    public static Optional<Profile> exact(String version) {
        return ALL.stream().filter(p -> (p.major() + "." + p.minor()).equals(version)).findFirst();
    }

    /**
     * Maps any release to the profile that behaves like it: the same major version if modelled
     * (the ipfw and TCP logic changed between majors, not minors, except 9.0, 11.0-11.1, which the
     * lookup keeps with their major), else the nearest lower major, else the oldest.
     */
    public static Resolution resolve(String version) {
        Optional<Profile> exact = exact(version);
        if (exact.isPresent()) {
            return new Resolution(exact.get(), false);
        }
        int major;
        try {
            major = Integer.parseInt(version.split("\\.", 2)[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a FreeBSD release: " + version);
        }
        Profile sameMajor = ALL.stream().filter(p -> p.major() == major).findFirst().orElse(null);
        if (sameMajor != null) {
            return new Resolution(sameMajor, true);
        }
        Profile nearest = ALL.stream().filter(p -> p.major() <= major)
                .max(Comparator.comparingInt(Profile::major))
                .orElse(ALL.get(0));
        return new Resolution(nearest, true);
    }

    /**
     * @param profile     the modelled profile to use
     * @param approximate true when the release asked for is not modelled exactly: warn the user
     */
    public record Resolution(Profile profile, boolean approximate) {
    }

    private static Profile profile(int major, int minor, IpfwEra era) {
        List<SysctlDef> defs = new ArrayList<>();
        ipfwSysctls(defs, era);
        tcpSysctls(defs, major);
        tcpOptionSysctls(defs, major);
        syncacheSysctls(defs, major);
        ipSysctls(defs, major);
        // RFC 5961 challenge ACKs: absent from 10.4's tcp_input.c (insecure_rst still "Follow the old
        // (insecure) criteria"), present in 12.x-era files (insecure_rst/insecure_syn "Follow RFC793
        // instead of RFC5961"); 12.0 as the first release is UNVERIFIED, so 11.x keeps the window check.
        Profile.RstValidation rst = major >= 12 ? Profile.RstValidation.RFC5961 : Profile.RstValidation.WINDOW;
        int[] ports = ephemeralRange(major);
        return new Profile(String.format(Locale.ROOT, "freebsd %d.%d", major, minor), major, minor, era, rst,
                ports[0], ports[1], List.copyOf(defs));
    }

    /**
     * net.inet.ip.fw.*: ip_fw2.c of 2002-2006 (file-scope statics and SYSCTL_INT lines) for the
     * lifetimes, dyn_max 4096 and dyn_buckets 256; ip_fw_dynamic.c after r332401 (2018) raised
     * dyn_max to 16384, dyn_buckets to 8192 and added dyn_parent_max and (r334039) dyn_keep_states.
     */
    private static void ipfwSysctls(List<SysctlDef> defs, IpfwEra era) {
        boolean rewrite = era == IpfwEra.REWRITE_2018;
        rw(defs, "net.inet.ip.fw.enable", 1, 0, 1, "bool", "Enable ipfw");
        rw(defs, "net.inet.ip.fw.autoinc_step", 100, 1, 1000, "count", "Rule number auto-increment step");
        rw(defs, "net.inet.ip.fw.one_pass", 1, 0, 1, "bool",
                "Only do a single pass through ipfw when using dummynet(4)");
        rw(defs, "net.inet.ip.fw.verbose", 0, 0, 1, "bool", "Log matches to ipfw rules");
        rw(defs, "net.inet.ip.fw.verbose_limit", 0, 0, INT_MAX, "count", "Set upper limit of matches of ipfw rules logged");
        rw(defs, "net.inet.ip.fw.dyn_buckets", rewrite ? 8192 : 256, 1, rewrite ? 524288 : 65536, "count",
                "Number of dyn. buckets");
        ro(defs, "net.inet.ip.fw.curr_dyn_buckets", rewrite ? 8192 : 256, "count", "Current Number of dyn. buckets");
        ro(defs, "net.inet.ip.fw.dyn_count", 0, "count", "Number of dyn. rules");
        rw(defs, "net.inet.ip.fw.dyn_max", rewrite ? 16384 : 4096, 0, INT_MAX, "count", "Max number of dyn. rules");
        ro(defs, "net.inet.ip.fw.static_count", 1, "count", "Number of static rules");
        rw(defs, "net.inet.ip.fw.dyn_ack_lifetime", 300, 0, INT_MAX, "s", "Lifetime of dyn. rules for acks");
        rw(defs, "net.inet.ip.fw.dyn_syn_lifetime", 20, 0, INT_MAX, "s", "Lifetime of dyn. rules for syn");
        rw(defs, "net.inet.ip.fw.dyn_fin_lifetime", 1, 0, INT_MAX, "s", "Lifetime of dyn. rules for fin");
        rw(defs, "net.inet.ip.fw.dyn_rst_lifetime", 1, 0, INT_MAX, "s", "Lifetime of dyn. rules for rst");
        rw(defs, "net.inet.ip.fw.dyn_udp_lifetime", 10, 0, INT_MAX, "s", "Lifetime of dyn. rules for UDP");
        rw(defs, "net.inet.ip.fw.dyn_short_lifetime", 5, 0, INT_MAX, "s",
                "Lifetime of dyn. rules for other situations");
        rw(defs, "net.inet.ip.fw.dyn_keepalive", 1, 0, 1, "bool", "Enable keepalives for dyn. rules");
        if (rewrite) {
            rw(defs, "net.inet.ip.fw.dyn_parent_max", 4096, 0, INT_MAX, "count", "Max number of parent dynamic states");
            ro(defs, "net.inet.ip.fw.dyn_parent", 0, "count", "Current number of parent states");
            rw(defs, "net.inet.ip.fw.dyn_keep_states", 0, 0, 1, "bool",
                    "Do not flush dynamic states on rule deletion");
        }
    }

    /** net.inet.tcp.*: values of tcp_timer.h (TCPTV_*), expressed in ms as sysctl prints them. */
    private static void tcpSysctls(List<SysctlDef> defs, int major) {
        rw(defs, "net.inet.tcp.msl", 30_000, 1, INT_MAX, "ms", "Maximum segment lifetime");
        rw(defs, "net.inet.tcp.keepidle", 7_200_000, 1, INT_MAX, "ms", "time before keepalive probes begin");
        rw(defs, "net.inet.tcp.keepintvl", 75_000, 1, INT_MAX, "ms", "time between keepalive probes");
        rw(defs, "net.inet.tcp.keepinit", 75_000, 1, INT_MAX, "ms", "time to establish connection");
        rw(defs, "net.inet.tcp.always_keepalive", 1, 0, 1, "bool", "Assume SO_KEEPALIVE on all TCP connections");
        rw(defs, "net.inet.tcp.delayed_ack", 1, 0, 1, "bool", "Delay ACK to try and piggyback it onto a data packet");
        rw(defs, "net.inet.tcp.delacktime", 100, 1, INT_MAX, "ms", "Time before a delayed ACK is sent");
        rw(defs, "net.inet.tcp.blackhole", 0, 0, 2, "count", "Do not send RST on segments to closed ports");
        rw(defs, "net.inet.tcp.mssdflt", 512, 1, 65535, "bytes", "Default TCP Maximum Segment Size");
        rw(defs, "net.inet.tcp.sendspace", 32_768, 1, INT_MAX, "bytes", "Maximum outgoing TCP datagram size");
        rw(defs, "net.inet.tcp.recvspace", 65_536, 1, INT_MAX, "bytes", "Maximum incoming TCP datagram size");
        if (major >= 5) {
            // tcp_input.c of 5.x: static int tcp_insecure_rst = 0 (accept any in-window RST when 1).
            // 12.x-era tcp_input.c (RFC 5961) rewords it: "Follow RFC793 instead of RFC5961 criteria ...".
            rw(defs, "net.inet.tcp.insecure_rst", 0, 0, 1, "bool", major >= 12
                    ? "Follow RFC793 instead of RFC5961 criteria for accepting RST packets"
                    : "Follow the old (insecure) criteria for accepting RST packets");
        }
        if (major >= 7) {
            rw(defs, "net.inet.tcp.fast_finwait2_recycle", 0, 0, 1, "bool",
                    "Recycle closed FIN_WAIT_2 connections faster");
            rw(defs, "net.inet.tcp.finwait2_timeout", 60_000, 1, INT_MAX, "ms", "FIN-WAIT2 timeout");
        }
    }

    /**
     * The TCP options a host offers (docs/research/freebsd-sources-6-options.md):
     * net.inet.tcp.rfc1323 (tcp_subr.c tcp_do_rfc1323 = 1 in every release modelled) for window
     * scaling and timestamps; net.inet.tcp.sack.enable from 5.3, when SACK came (RELENG_4 has none;
     * default 1, as 14.x; 5.4/6.4's default UNVERIFIED); net.inet.tcp.tolerate_missing_ts (14.x
     * tcp_subr.c: "As of June 2021 ... tolerating violations for now", default 1), on the profiles
     * newer than the 2020-21 change only; kern.ipc.maxsockbuf (sb_max, which 7.x and later size
     * the window scale by): SB_MAX 2 MiB in 14.x (the test suite's "default" 2097152), 256 KiB in
     * the 4.x-6.x uipc_sockbuf.c (UNVERIFIED for 4.11-6.4, unused there: they scale by recvspace).
     */
    private static void tcpOptionSysctls(List<SysctlDef> defs, int major) {
        rw(defs, "net.inet.tcp.rfc1323", 1, 0, 1, "bool", "Enable rfc1323 (high performance TCP) extensions");
        if (major >= 5) {
            rw(defs, "net.inet.tcp.sack.enable", 1, 0, 1, "bool", "Enable/Disable TCP SACK support");
        }
        if (major >= 13) {
            rw(defs, "net.inet.tcp.tolerate_missing_ts", 1, 0, 1, "bool", "Tolerate missing TCP timestamps");
        }
        rw(defs, "kern.ipc.maxsockbuf", major >= 7 ? 2_097_152 : 262_144, 1, 0xffff_ffffL, "bytes",
                "Maximum socket buffer size");
    }

    /**
     * The syncache (tcp_syncache.c, every modelled release has it: it came with 4.5):
     * syncookies = 1 in RELENG_4, 6.x, 7.x and HEAD; syncookies_only (default 0) in the 8.x-era
     * files and later (7.x UNVERIFIED, left out); hashsize 512 and bucketlimit 30 (boot-time
     * tunables, read-only at run time); cachelimit hashsize x bucketlimit, less one in 4.x-6.x
     * ("tcp_syncache.cache_limit -= 1" after uma_zone_set_max); rexmtlimit SYNCACHE_MAXREXMTS = 3.
     */
    private static void syncacheSysctls(List<SysctlDef> defs, int major) {
        rw(defs, "net.inet.tcp.syncookies", 1, 0, 1, "bool", "Use TCP SYN cookies if the syncache overflows");
        if (major >= 8) {
            rw(defs, "net.inet.tcp.syncookies_only", 0, 0, 1, "bool", "Use only TCP SYN cookies");
        }
        ro(defs, "net.inet.tcp.syncache.bucketlimit", 30, "count", "Per-bucket hash limit for syncache");
        ro(defs, "net.inet.tcp.syncache.cachelimit", major <= 6 ? 15_359 : 15_360, "count",
                "Overall entry limit for syncache");
        ro(defs, "net.inet.tcp.syncache.count", 0, "count", "Current number of entries in syncache");
        ro(defs, "net.inet.tcp.syncache.hashsize", 512, "count", "Size of TCP syncache hashtable");
        rw(defs, "net.inet.tcp.syncache.rexmtlimit", 3, 0, major >= 12 ? 12 : INT_MAX, "count",
                "Limit on SYN/ACK retransmissions");
    }

    private static void ipSysctls(List<SysctlDef> defs, int major) {
        int[] ports = ephemeralRange(major);
        rw(defs, "net.inet.ip.ttl", 64, 1, 255, "count", "Maximum TTL on IP packets");
        rw(defs, "net.inet.ip.portrange.first", ports[0], 1, 65535, "port", "");
        rw(defs, "net.inet.ip.portrange.last", ports[1], 1, 65535, "port", "");
        if (major >= 5) {
            // RELENG_4 has no randomization (sequential ports); 6.x in_pcb.c: ipport_randomized = 1.
            // Present in 5.x: UNVERIFIED (assumed, as 6.0 branched from 5.x HEAD with it).
            rw(defs, "net.inet.ip.portrange.randomized", 1, 0, 1, "bool", "Enable random port allocation");
        }
    }

    /**
     * Default ephemeral range (in_pcb.c ipport_firstauto/ipport_lastauto): RELENG_4 (rev
     * 1.59.2.27, 2004) IPPORT_RESERVED..IPPORT_USERRESERVED = 1024-5000; 6.x (rev 1.169, 2006) and
     * the 7.0-era HEAD IPPORT_HIFIRSTAUTO..IPPORT_HILASTAUTO = 49152-65535; 9.x on
     * IPPORT_EPHEMERALFIRST..LAST = 10000-65535. 5.4 is UNVERIFIED (no RELENG_5 in_pcb.c found):
     * model-freebsd.md's "Handbook era" 1024-5000 is kept. 7.4/8.4 as the 7.0 HEAD (UNVERIFIED
     * whether the 10000 change reached stable/8).
     */
    private static int[] ephemeralRange(int major) {
        if (major <= 5) {
            return new int[] {1024, 5000};
        }
        if (major <= 8) {
            return new int[] {49152, 65535};
        }
        return new int[] {10000, 65535};
    }

    private static void rw(List<SysctlDef> defs, String name, long def, long min, long max, String unit, String text) {
        defs.add(new SysctlDef(name, def, min, max, false, unit, text));
    }

    private static void ro(List<SysctlDef> defs, String name, long def, String unit, String text) {
        defs.add(new SysctlDef(name, def, def, def, true, unit, text));
    }
}
