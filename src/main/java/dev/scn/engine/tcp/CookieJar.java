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
 * cookie still young enough) with the same result. Cookies older than the lifetime are forgotten,
 * when a cookie is issued as well as when one is looked up: the kernel keeps nothing per cookie,
 * and a busy server whose handshakes all complete through the syncache never looks one up, so
 * forgetting only on lookup kept one cookie per connection for the whole run (a leak: 20 000
 * connections left 20 000 cookies). Forgetting earlier changes no answer: a cookie too old now is
 * too old at any later lookup.
 */
final class CookieJar {
    /** tcp_syncache.c (2006) tcp_msstab[]: the MSS a cookie can carry back. */
    private static final int[] MSSTAB = {0, 536, 1460, 8960};

    record Cookie(int iss, int irs, int peerMss, long sent) {
    }

    private final Map<FlowKey, Cookie> sent = new LinkedHashMap<>();

    void issued(FlowKey flow, int iss, int irs, int peerMss, long now, long lifetime) {
        forgetOlderThan(now, lifetime);
        sent.remove(flow);
        sent.put(flow, new Cookie(iss, irs, quantize(peerMss), now));
    }

    /** The cookie sent to this flow if it is at most {@code lifetime} old. */
    Cookie find(FlowKey flow, long now, long lifetime) {
        forgetOlderThan(now, lifetime);
        return sent.get(flow);
    }

    /** Cookies are kept in the order they were sent (re-issuing moves one to the end): the old ones lead. */
    private void forgetOlderThan(long now, long lifetime) {
        for (Iterator<Cookie> it = sent.values().iterator(); it.hasNext(); ) {
            if (it.next().sent() + lifetime < now) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** Cookies remembered now (at most those of the last lifetime). */
    int size() {
        return sent.size();
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
