package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;

/**
 * What a SYN cookie lets the kernel check later without keeping an entry. FreeBSD encodes it in
 * the ISS (an MD5 or SipHash of the endpoints and a secret that rotates, plus the peer MSS's
 * index in a small table); the simulator draws the ISS as before and remembers which ISS went to
 * which flow, which answers the same question (was this ACK for a cookie we sent, and is that
 * cookie still young enough) with the same result. Cookies older than the lifetime are forgotten.
 */
final class CookieJar {
    /** tcp_syncache.c (2006) tcp_msstab[]: the MSS a cookie can carry back. */
    private static final int[] MSSTAB = {0, 536, 1460, 8960};

    record Cookie(int iss, int irs, int peerMss, long sent) {
    }

    /*
     * The cookies in the order they were sent, oldest first, in a ring of parallel arrays: a SYN
     * costs no object and no hashing (a busy server sends one per connection and almost never
     * looks one up). A lookup scans from the newest, so a flow sent a cookie again (a
     * retransmitted SYN) is answered with its latest one; the older stays until it expires.
     */
    private FlowKey[] flows = new FlowKey[64];
    private int[] iss = new int[64];
    private int[] irs = new int[64];
    private int[] peerMss = new int[64];
    private long[] sent = new long[64];
    /** Index of the oldest cookie, and how many there are. */
    private int head;
    private int count;
    private final long lifetime;

    /** @param lifetime how long a cookie stays valid; older ones are forgotten */
    CookieJar(long lifetime) {
        this.lifetime = lifetime;
    }

    void issued(FlowKey flow, int iss, int irs, int peerMss, long now) {
        // Forget the expired ones here too: a busy server whose handshakes all complete never
        // looks a cookie up, and the jar grew by one entry per connection (five days at 50/s:
        // 21.6 million). find() would have dropped the same ones before any lookup.
        forgetExpired(now);
        if (count == flows.length) {
            grow();
        }
        int at = (head + count) & (flows.length - 1);
        flows[at] = flow;
        this.iss[at] = iss;
        this.irs[at] = irs;
        this.peerMss[at] = quantize(peerMss);
        sent[at] = now;
        count++;
    }

    /** The latest cookie sent to this flow if it is at most the lifetime old. */
    Cookie find(FlowKey flow, long now) {
        forgetExpired(now);
        for (int i = count - 1; i >= 0; i--) {
            int at = (head + i) & (flows.length - 1);
            if (flows[at].equals(flow)) {
                return new Cookie(iss[at], irs[at], peerMss[at], sent[at]);
            }
        }
        return null;
    }

    /** Cookies remembered, one per SYN answered (the expired ones are forgotten as cookies are sent and looked up). */
    int size() {
        return count;
    }

    private void forgetExpired(long now) {
        while (count > 0 && sent[head] + lifetime < now) {
            flows[head] = null;
            head = (head + 1) & (flows.length - 1);
            count--;
        }
    }

    /** Twice the room, the cookies moved to the start in the same order. */
    private void grow() {
        int n = flows.length;
        FlowKey[] f = new FlowKey[2 * n];
        int[] a = new int[2 * n];
        int[] b = new int[2 * n];
        int[] c = new int[2 * n];
        long[] t = new long[2 * n];
        for (int i = 0; i < count; i++) {
            int at = (head + i) & (n - 1);
            f[i] = flows[at];
            a[i] = iss[at];
            b[i] = irs[at];
            c[i] = peerMss[at];
            t[i] = sent[at];
        }
        flows = f;
        iss = a;
        irs = b;
        peerMss = c;
        sent = t;
        head = 0;
    }

    void clear() {
        java.util.Arrays.fill(flows, null);
        head = 0;
        count = 0;
    }

    /** syncookie_generate: the largest msstab value not above the peer's MSS. */
    static int quantize(int peerMss) {
        int data = MSSTAB.length - 1;
        while (data > 0 && MSSTAB[data] > peerMss) {
            data--;
        }
        return MSSTAB[data];
    }
}
