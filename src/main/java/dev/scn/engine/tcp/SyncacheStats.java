package dev.scn.engine.tcp;

/**
 * The syncache lines of {@code netstat -s -p tcp} (struct tcpstat tcps_sc_*), counted as
 * tcp_syncache.c counts them.
 */
public final class SyncacheStats {
    /** tcps_sc_added: entries inserted. */
    long added;
    /** tcps_sc_retransmitted: SYN-ACKs sent again by the timer. */
    long retransmitted;
    /** tcps_sc_dupsyn: SYNs for an existing entry. */
    long dupSyn;
    /** tcps_sc_completed: entries turned into connections by the handshake's ACK. */
    long completed;
    /** tcps_sc_stale: entries dropped after the last SYN-ACK went unanswered. */
    long stale;
    /** tcps_sc_reset: entries removed by an RST. */
    long reset;
    /** tcps_sc_bucketoverflow: an entry dropped because its bucket was full. */
    long bucketOverflow;
    /** tcps_sc_cacheoverflow (4.x-6.x): an entry dropped because the cache was full. */
    long cacheOverflow;
    /** tcps_sc_zonefail (7.x and later): the entry zone was at its limit. */
    long zoneFail;
    /** tcps_sc_recvcookie: connections rebuilt from a cookie. */
    long recvCookie;
    /** SYNs answered with a cookie and no entry (syncookies_only, or zone full and bucket empty). */
    long cookiesOnly;

    public long added() {
        return added;
    }

    public long retransmitted() {
        return retransmitted;
    }

    public long dupSyn() {
        return dupSyn;
    }

    public long completed() {
        return completed;
    }

    public long stale() {
        return stale;
    }

    public long reset() {
        return reset;
    }

    public long bucketOverflow() {
        return bucketOverflow;
    }

    public long cacheOverflow() {
        return cacheOverflow;
    }

    public long zoneFail() {
        return zoneFail;
    }

    public long recvCookie() {
        return recvCookie;
    }

    public long cookiesOnly() {
        return cookiesOnly;
    }
}
