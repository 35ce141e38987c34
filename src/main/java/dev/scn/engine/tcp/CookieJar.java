package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** In the order they were sent (a reissued cookie moves to the end), so the oldest come first. */
    private final Map<FlowKey, Cookie> sent = new LinkedHashMap<>();
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
        sent.remove(flow);
        sent.put(flow, new Cookie(iss, irs, quantize(peerMss), now));
    }

    /** The cookie sent to this flow if it is at most the lifetime old. */
    Cookie find(FlowKey flow, long now) {
        forgetExpired(now);
        return sent.get(flow);
    }

    /** Cookies remembered (the expired ones are forgotten as cookies are sent and looked up). */
    int size() {
        return sent.size();
    }

    private void forgetExpired(long now) {
        for (Iterator<Cookie> it = sent.values().iterator(); it.hasNext(); ) {
            if (it.next().sent() + lifetime < now) {
                it.remove();
            } else {
                break;
            }
        }
    }

    void clear() {
        sent.clear();
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
