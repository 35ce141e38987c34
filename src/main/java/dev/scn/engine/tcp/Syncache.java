package dev.scn.engine.tcp;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.net.Packet;
import dev.scn.engine.os.Sysctl;
import dev.scn.engine.os.Sysctls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's SYN cache (sys/netinet/tcp_syncache.c): half-open passive connections, their hash
 * buckets and limits, SYN-ACK retransmission and the overflow rules of the release. See
 * docs/research/freebsd-sources-4-syncache.md for every fact used here.
 *
 * <p>Two designs are modelled. {@link Design#TIMER_SLOTS} is jlemon's 2001 file as in RELENG_4
 * and the 6.x file (v1.86): entries are appended to the bucket, a full bucket loses its first
 * (oldest) entry, and a full cache ({@code cache_count >= cache_limit}, the limit being
 * hashsize x bucketlimit - 1) loses the front entry of the highest non-empty timer slot.
 * {@link Design#BUCKET_ROWS} is andre's 2006 rewrite (7.x and later): entries go to the bucket
 * head, a full bucket loses its last (oldest) entry, and the cache limit is the zone's maximum:
 * when the zone is full, {@code tcps_sc_zonefail} counts, the oldest entry of the SYN's own
 * bucket is dropped to make room, and if the bucket was empty the SYN is answered with a cookie
 * and no entry (syncookies on) or dropped (off).
 */
final class Syncache {
    /** tcp_syncache.c TCP_SYNCACHE_HASHSIZE / TCP_SYNCACHE_BUCKETLIMIT / SYNCACHE_MAXREXMTS. */
    static final int HASHSIZE = 512;
    static final int BUCKETLIMIT = 30;
    static final int MAXREXMTS = 3;
    /**
     * How long a cookie stays acceptable: SYNCOOKIE_TIMEOUT = hz * (1 << 5) / (1 << 1) = 16 s in
     * the 2006 file, SYNCOOKIE_LIFETIME 16 s in the 8.x/9.x tcp_syncache.h.
     */
    static final long COOKIE_LIFETIME_MICROS = SimTime.millis(16_000);

    enum Design { TIMER_SLOTS, BUCKET_ROWS }

    /** What the owner does for the cache: send a SYN-ACK for an entry (or a cookie-only one). */
    interface Responder {
        void sendSynAck(Entry entry);
    }

    private final Simulator simulator;
    private final Sysctls sysctls;
    private final Design design;
    private final boolean exported;
    private final boolean overflowGate;
    private final Map<Integer, Long> bucketOverflowAt = new HashMap<>();
    private final int hashSecret;
    private final Responder responder;
    private final Runnable changed;
    private final FlowTable<Entry> byFlow = new FlowTable<>(entry -> entry.flow);
    /** The hash buckets' rows by bucket number, each made at its first SYN (null before). */
    private EntryQueue[] buckets = new EntryQueue[0];
    private final List<EntryQueue> slots = new ArrayList<>();
    private final CookieJar cookies = new CookieJar(COOKIE_LIFETIME_MICROS);
    private final SyncacheStats stats = new SyncacheStats();
    private long lastOverflow = Long.MIN_VALUE / 2;
    private long order;

    Syncache(Simulator simulator, Sysctls sysctls, int major, int hashSecret, Responder responder,
             Runnable changed) {
        this.simulator = simulator;
        this.sysctls = sysctls;
        // 4.x and 6.x (v1.86) keep the timer-slot design; the rewrite with per-bucket timers is in
        // the 7-CURRENT file of 2006; 5.x is taken as 4.x/6.x (RELENG_5 file not read).
        this.design = major <= 6 ? Design.TIMER_SLOTS : Design.BUCKET_ROWS;
        // syncache_pcblist (tcp_pcblist exports entries as TCPS_SYN_RECEIVED): in the 7.x-era
        // tcp_subr.c and in HEAD; absent from the 6.x and the 2006 7-CURRENT tcp_syncache.c.
        this.exported = major >= 7;
        // HEAD syncache_expand refuses a cookie unless its bucket overflowed within
        // SYNCOOKIE_LIFETIME (sch_last_overflow) or cookies are all there is; absent from the
        // 8.x/9.x-era tcp_syncache.h (no sch_last_overflow). Applied from 12.x: UNVERIFIED when.
        this.overflowGate = major >= 12;
        this.hashSecret = hashSecret;
        this.responder = responder;
        this.changed = changed;
        for (int i = 0; i <= MAXREXMTS; i++) {
            slots.add(new EntryQueue(EntryQueue.Links.SLOT));
        }
    }

    Design design() {
        return design;
    }

    /** True when netstat lists the entries (as SYN_RCVD) on this release. */
    boolean exported() {
        return exported;
    }

    SyncacheStats stats() {
        return stats;
    }

    int size() {
        return byFlow.size();
    }

    /** SYN cookies remembered (the simulator's stand-in for the ISS check; the kernel keeps none). */
    int cookiesHeld() {
        return cookies.size();
    }

    Entry lookup(FlowKey flow) {
        return byFlow.size() == 0 ? null : byFlow.get(flow, FlowTable.hash(flow));
    }

    boolean syncookies() {
        return sysctls.on(Sysctl.TCP_SYNCOOKIES);
    }

    /** syncookies_only (8.x and later): no entry at all, every SYN is answered with a cookie. */
    boolean cookiesOnly() {
        return syncookies() && sysctls.on(Sysctl.TCP_SYNCOOKIES_ONLY);
    }

    /**
     * syncache_add for a SYN with no entry: makes room as the release does, then inserts and
     * answers, or answers with a cookie alone.
     *
     * @return the new entry, or null when no entry was kept (cookie only, or SYN dropped)
     */
    Entry add(Entry entry) {
        if (cookiesOnly()) {
            return answerWithCookieOnly(entry);
        }
        int bucket = bucketOf(entry);
        EntryQueue row = row(bucket);
        if (design == Design.BUCKET_ROWS && byFlow.size() >= cacheLimit()) {
            // uma_zalloc failed: "Treat this as if the cache was full; drop the oldest entry".
            stats.zoneFail++;
            if (row.isEmpty()) {
                return syncookies() ? answerWithCookieOnly(entry) : null;
            }
            drop(row.first());
            overflowed(bucket);
        }
        if (row.size() >= bucketLimit()) {
            drop(row.first());
            stats.bucketOverflow++;
            overflowed(bucket);
        } else if (design == Design.TIMER_SLOTS && byFlow.size() >= cacheLimit()) {
            drop(oldestInHighestSlot());
            stats.cacheOverflow++;
            overflowed(bucket);
        }
        entry.bucket = bucket;
        entry.order = order++;
        row.add(entry);
        entry.tableHash = FlowTable.hash(entry.flow);
        byFlow.add(entry, entry.tableHash);
        stats.added++;
        changed.run();
        if (syncookies()) {
            cookies.issued(entry.flow, entry.iss, entry.irs, entry.peerMss, simulator.now());
        }
        if (!replayed) {
            responder.sendSynAck(entry);
        }
        arm(entry, 0);
        return entry;
    }

    /**
     * syncache_add for a replayed SYN: the entry as for any, its SYN-ACK replayed. Its
     * retransmission timer is armed only if it could fire: the replay's handshake ACK completes
     * the entry {@code completesAfter} microseconds from now, and a timer cancelled before it fires
     * changes nothing any other event sees (its place among the others is by time and sequence,
     * and sequences only ever grow), so one due after that is not scheduled at all.
     */
    Entry addReplayed(Entry entry, long completesAfter) {
        replayed = true;
        untimed = completesAfter < SimTime.millis(entry.rtoBaseMs * TcpConstants.BACKOFF[0]);
        try {
            return add(entry);
        } finally {
            replayed = false;
            untimed = false;
        }
    }

    private boolean replayed;
    private boolean untimed;

    private Entry answerWithCookieOnly(Entry entry) {
        cookies.issued(entry.flow, entry.iss, entry.irs, entry.peerMss, simulator.now());
        stats.cookiesOnly++;
        responder.sendSynAck(entry);
        return null;
    }

    /**
     * The 4.x/6.x overflow marks the listen socket (sc_tp->ts_recent = ticks); syncookie_lookup
     * refuses cookies when that mark is older than the cookie timeout.
     */
    private void overflowed(int bucket) {
        lastOverflow = simulator.now();
        bucketOverflowAt.put(bucket, simulator.now());
    }

    /** A duplicate SYN for an entry: answer again and re-arm (tcps_sc_dupsyn). */
    void duplicate(Entry entry) {
        stats.dupSyn++;
        responder.sendSynAck(entry);
        simulator.cancel(entry);
        if (design == Design.TIMER_SLOTS) {
            // 4.x/6.x: TAILQ_REMOVE from its slot, then SYNCACHE_TIMEOUT(sc, sc->sc_rxtslot).
            arm(entry, entry.slot);
        } else {
            // HEAD syncache_add: "sc->sc_rxmits = 0; syncache_timeout(...)" restarts the schedule
            // (7.x-11.x UNVERIFIED: taken as HEAD).
            entry.rexmits = 0;
            arm(entry, 0);
        }
    }

    /**
     * The handshake's ACK for a flow with no entry: a cookie we sent for this flow and sequence
     * number that is still young enough rebuilds the entry (syncookie_lookup), else null.
     */
    Entry fromCookie(FlowKey flow, Packet ack) {
        if (!syncookies()) {
            return null;
        }
        CookieJar.Cookie c = cookies.find(flow, simulator.now());
        if (c == null || c.iss() + 1 != ack.ack() || c.irs() + 1 != ack.seq()) {
            return null;
        }
        if (design == Design.TIMER_SLOTS && !cookiesOnly()
                && lastOverflow + COOKIE_LIFETIME_MICROS < simulator.now()) {
            // 2006 syncookie_lookup: "sototcpcb(so)->ts_recent + SYNCOOKIE_TIMEOUT < ticks" -> NULL.
            return null;
        }
        if (overflowGate && !cookiesOnly()
                && bucketOverflowAt.getOrDefault(bucketOf(ack.source(), ack.sourcePort(), ack.destinationPort()),
                        Long.MIN_VALUE / 2) + COOKIE_LIFETIME_MICROS < simulator.now()) {
            return null;
        }
        stats.recvCookie++;
        return Entry.rebuilt(flow, ack, c);
    }

    /** syncache_expand succeeded: the entry leaves the cache for a real connection. */
    void completed(Entry entry) {
        remove(entry);
        stats.completed++;
    }

    /**
     * syncache_chkrst. Up to 11.x: an RST inside [irs, irs + wnd] removes the entry
     * (tcps_sc_reset). RFC 5961 releases (12.x-era tcp_syncache.c): the window is
     * [irs + 1, irs + 1 + wnd) (or seq == irs + 1 when wnd is 0); seq == irs + 1, or any in-window
     * seq with net.inet.tcp.insecure_rst=1, removes the entry, another in-window seq draws a
     * challenge ACK; out of window the RST is ignored.
     *
     * @param challenge RFC 5961 rules with insecure_rst off
     * @return true when the caller must send the challenge ACK
     */
    boolean reset(Entry entry, Packet rst, boolean rfc5961, boolean challenge) {
        int seq = rst.seq();
        boolean accept;
        if (rfc5961) {
            int next = entry.irs + 1;
            boolean inWindow = (Seq.geq(seq, next) && Seq.lt(seq, next + entry.windowSent))
                    || (entry.windowSent == 0 && seq == next);
            if (!inWindow) {
                return false;
            }
            if (challenge && seq != next) {
                return true;
            }
            accept = true;
        } else {
            accept = Seq.geq(seq, entry.irs) && Seq.leq(seq, entry.irs + entry.windowSent);
        }
        if (accept) {
            remove(entry);
            stats.reset++;
        }
        return false;
    }

    /** The host lost its state: every entry goes. */
    void clear() {
        List<Entry> all = new ArrayList<>(byFlow.size());
        byFlow.forEach(all::add);
        for (Entry e : all) {
            remove(e);
        }
        cookies.clear();
        bucketOverflowAt.clear();
    }

    /** Entries in the order syncache_pcblist exports them: bucket by bucket, each from its head. */
    List<Entry> exportOrder() {
        List<Entry> out = new ArrayList<>();
        for (EntryQueue bucket : buckets) {
            if (bucket == null) {
                continue;
            }
            List<Entry> row = bucket.toList();
            if (design == Design.BUCKET_ROWS) {
                java.util.Collections.reverse(row);
            }
            out.addAll(row);
        }
        return out;
    }

    /** The row of a hash bucket, made at its first use (the hash size is a boot-time tunable). */
    private EntryQueue row(int bucket) {
        if (bucket >= buckets.length) {
            buckets = java.util.Arrays.copyOf(buckets, Math.max(bucket + 1, 2 * buckets.length));
        }
        if (buckets[bucket] == null) {
            buckets[bucket] = new EntryQueue(EntryQueue.Links.ROW);
        }
        return buckets[bucket];
    }

    private void drop(Entry entry) {
        remove(entry);
    }

    private void remove(Entry entry) {
        if (!byFlow.removeEntry(entry, entry.tableHash)) {
            return;
        }
        // An emptied row stays (at most one per hash bucket): the next SYN to it reuses it.
        buckets[entry.bucket].remove(entry);
        slots.get(entry.slot).remove(entry);
        simulator.cancel(entry);
        changed.run();
    }

    private Entry oldestInHighestSlot() {
        for (int i = MAXREXMTS; i >= 0; i--) {
            if (!slots.get(i).isEmpty()) {
                return slots.get(i).first();
            }
        }
        throw new IllegalStateException("cache full with no entry");
    }

    /**
     * SYNCACHE_TIMEOUT: the next expiry at TCPTV_RTOBASE * tcp_backoff[slot] from now (3, 6, 12,
     * 24 s up to 9.x; the base is the stack's rtoBase).
     */
    private void arm(Entry entry, int slot) {
        slots.get(entry.slot).remove(entry);
        entry.slot = slot;
        slots.get(slot).add(entry);
        entry.owner = this;
        if (!untimed) {
            simulator.schedule(entry, simulator.now() + SimTime.millis(entry.rtoBaseMs * TcpConstants.BACKOFF[slot]));
        }
    }

    /**
     * syncache_timer for one entry: 4.x/6.x drop at slot SYNCACHE_MAXREXMTS or once the slot
     * reaches rexmtlimit; 7.x and later drop once sc_rxmits exceeds rexmtlimit. Both give
     * SYN-ACKs at 0, 3, 9, 21 s and the drop at 45 s with the defaults (tcps_sc_stale).
     */
    private void expired(Entry entry) {
        long limit = sysctls.get(Sysctl.SYNCACHE_REXMTLIMIT);
        boolean give = design == Design.TIMER_SLOTS
                ? entry.slot == MAXREXMTS || entry.slot >= limit
                : entry.slot + 1 > limit;
        if (give) {
            remove(entry);
            stats.stale++;
            return;
        }
        entry.rexmits++;
        stats.retransmitted++;
        responder.sendSynAck(entry);
        arm(entry, Math.min(entry.slot + 1, TcpConstants.BACKOFF.length - 1));
    }

    long cacheLimit() {
        return sysctls.get(Sysctl.SYNCACHE_CACHELIMIT);
    }

    long bucketLimit() {
        return sysctls.get(Sysctl.SYNCACHE_BUCKETLIMIT);
    }

    /**
     * SYNCACHE_HASH up to 9.x: (hash_secret ^ faddr ^ (faddr >> 16) ^ fport ^ lport) & mask, on
     * the in_conninfo fields as stored, i.e. in network byte order read by a little-endian CPU
     * (i386/amd64). The secret is drawn from the seed (arc4random at boot). HEAD hashes with
     * jenkins_hash32 instead: not modelled (12.x+ keep this hash here, see the research note).
     */
    private int bucketOf(Entry entry) {
        return bucketOf(entry.foreignAddress, entry.foreignPort, entry.localPort);
    }

    private int bucketOf(int foreignAddress, int foreignPort, int localPort) {
        int faddr = Integer.reverseBytes(foreignAddress);
        int fport = swap16(foreignPort);
        int lport = swap16(localPort);
        long hashsize = sysctls.get(Sysctl.SYNCACHE_HASHSIZE);
        return (int) ((hashSecret ^ faddr ^ (faddr >>> 16) ^ fport ^ lport) & (hashsize - 1));
    }

    static int swap16(int port) {
        return ((port & 0xff) << 8) | ((port >>> 8) & 0xff);
    }

    /** One half-open connection: also its own retransmission timer event. */
    static final class Entry extends Event {
        final FlowKey flow;
        final int localAddress;
        final int localPort;
        final int foreignAddress;
        final int foreignPort;
        final int irs;
        final int iss;
        final int peerMss;
        final long rtoBaseMs;
        int rexmits;
        int windowSent;
        /** sc_ip_tos and sc_ip_ttl: the listener's at SYN time (-1: net.inet.ip.ttl). */
        int ipTos;
        int ipTtl = -1;
        /** What syncache_add decided from the SYN's options (SCF_WINSCALE, SCF_TIMESTAMP, SCF_SACK). */
        SyncacheOptions synOpts = SyncacheOptions.NONE;
        /** SCF_ECN: the SYN asked for ECN and this host agreed ({@link TcpEcn#syncacheAdd}). */
        boolean ecn;
        int slot;
        int bucket;
        long order;
        Syncache owner;
        /** Its 4-tuple's hash in the cache's table, kept so that taking it out needs no look at the key. */
        int tableHash;
        /** Its place in its bucket's row and in its timer slot's queue. */
        final EntryQueue.Link row = new EntryQueue.Link();
        final EntryQueue.Link timerSlot = new EntryQueue.Link();

        Entry(Packet syn, int iss, long rtoBaseMs) {
            this(syn.flowKey(), syn.destination(), syn.destinationPort(), syn.source(), syn.sourcePort(),
                    syn.seq(), iss, syn.mssOption(), rtoBaseMs);
        }

        Entry(FlowKey flow, int localAddress, int localPort, int foreignAddress, int foreignPort, int irs,
                      int iss, int peerMss, long rtoBaseMs) {
            this.flow = flow;
            this.localAddress = localAddress;
            this.localPort = localPort;
            this.foreignAddress = foreignAddress;
            this.foreignPort = foreignPort;
            this.irs = irs;
            this.iss = iss;
            this.peerMss = peerMss;
            this.rtoBaseMs = rtoBaseMs;
        }

        /**
         * syncookie_lookup's entry: iss = th_ack - 1, irs = th_seq - 1; the peer's MSS comes
         * back from the cookie's table (msstab), here the MSS the SYN carried.
         */
        static Entry rebuilt(FlowKey flow, Packet ack, CookieJar.Cookie c) {
            return new Entry(flow, ack.destination(), ack.destinationPort(), ack.source(), ack.sourcePort(),
                    c.irs(), c.iss(), c.peerMss(), 0);
        }

        @Override
        protected void fire() {
            owner.expired(this);
        }
    }
}
