package dev.scn.run;

import java.util.List;

/**
 * A host at the end of a run, as its tools would show it: what the report's configuration and
 * end-of-run snapshots print.
 *
 * @param release      the release the scenario asked for
 * @param profile      the profile that ran it
 * @param approximate  true when the release is not modelled exactly and a near profile ran it
 * @param ipfwCode     the generation of ipfw's dynamic-rule code the release runs (IPFW2_2002,
 *                     BOTH_SIDES_2012, SWEEP_2013, REWRITE_2018)
 * @param netstat      {@code netstat -an -p tcp}
 * @param ipfwShow     {@code ipfw -d show}, empty without ipfw
 * @param ipfwList     {@code ipfw list}, empty without ipfw
 * @param liveDynamic  live dynamic rules (the lines {@code ipfw -d show} lists), -1 without ipfw
 * @param dynCount     net.inet.ip.fw.dyn_count, -1 without ipfw
 * @param dynMax       net.inet.ip.fw.dyn_max, -1 without ipfw
 * @param sysctls      every sysctl of the profile with its value at the end and its default
 * @param dynamic      the dynamic states still in the table
 * @param log          the lines ipfw wrote to the kernel log
 */
public record HostEnd(String name, String release, String profile, boolean approximate, String ipfwCode,
                      String netstat,
                      String ipfwShow, String ipfwList, int liveDynamic, int dynCount, long dynMax,
                      List<Setting> sysctls, List<DynamicEnd> dynamic, List<LogLine> log, SyncacheEnd syncache) {

    /**
     * The syncache at the end of the run: entries left, and the overflow counters of
     * {@code netstat -s -p tcp} (tcps_sc_bucketoverflow, tcps_sc_cacheoverflow, tcps_sc_zonefail),
     * plus entries added, dropped unanswered (tcps_sc_stale) and connections rebuilt from cookies.
     */
    public record SyncacheEnd(int entries, long added, long stale, long bucketOverflow, long cacheOverflow,
                              long zoneFail, long recvCookie) {
    }

    public boolean hasIpfw() {
        return liveDynamic >= 0;
    }

    /** A sysctl's value at the end of the run and the profile's default. */
    public record Setting(String name, long value, long defaultValue) {
    }

    /**
     * A dynamic state at the end of the run.
     *
     * @param remaining seconds left, 0 when expired (listed only with -e, counted until reaped)
     */
    public record DynamicEnd(int rule, String flow, long remaining, boolean dead) {
    }

    /** A kernel log line and when it was written; {@code tableFull} for ipfw's table-full messages. */
    public record LogLine(long time, String text, boolean tableFull) {
    }
}
