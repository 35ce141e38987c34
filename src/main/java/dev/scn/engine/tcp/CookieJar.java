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

    private final Map<FlowKey, Cookie> sent = new LinkedHashMap<>();

    void issued(FlowKey flow, int iss, int irs, int peerMss, long now) {
        sent.remove(flow);
        sent.put(flow, new Cookie(iss, irs, quantize(peerMss), now));
    }

    /** The cookie sent to this flow if it is at most {@code lifetime} old. */
    Cookie find(FlowKey flow, long now, long lifetime) {
        for (Iterator<Cookie> it = sent.values().iterator(); it.hasNext(); ) {
            if (it.next().sent() + lifetime < now) {
                it.remove();
            } else {
                break;
            }
        }
        return sent.get(flow);
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
