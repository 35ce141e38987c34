package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The simulator's record of SYN cookies (CookieJar) stays as small as the cookies still valid: a
 * busy server whose handshakes all complete never looks one up, and the five-day scenario (21.6
 * million connections) ran out of a 1 GiB heap after 18 simulated hours with one entry kept per
 * connection (issue 12).
 */
class CookieJarTest {
    private static final long LIFETIME = Syncache.COOKIE_LIFETIME_MICROS; // 16 s

    private static FlowKey flow(int i) {
        return new FlowKey(Protocol.TCP, 1 + i, 1024 + (i % 3977), 1_000_000, 80);
    }

    /*
     * One cookie a second for 1000 s: at t = 999 s the ones sent at t' with t' + 16 s >= 999 s are
     * still valid, i.e. t' = 983..999: 17 cookies. Without the pruning on issue: 1000.
     */
    @Test
    @DisplayName("cookies older than the lifetime are forgotten as new ones are sent")
    void boundedWithoutLookups() {
        CookieJar jar = new CookieJar(LIFETIME);
        for (int i = 0; i < 1000; i++) {
            jar.issued(flow(i), i, -i, 1460, i * 1_000_000L);
        }
        assertEquals(17, jar.size());
    }

    /* What a lookup answers is unchanged: a cookie 16 s old is found, one 16 s + 1 us old is not. */
    @Test
    @DisplayName("a cookie is found up to its lifetime, not after")
    void lifetimeEdge() {
        CookieJar jar = new CookieJar(LIFETIME);
        jar.issued(flow(1), 7, 9, 1460, 0);
        CookieJar.Cookie c = jar.find(flow(1), LIFETIME);
        assertNotNull(c);
        assertEquals(7, c.iss());
        assertEquals(1460, c.peerMss());
        assertNull(jar.find(flow(1), LIFETIME + 1));
    }

    /*
     * A retransmitted SYN is answered with a new cookie (a new ISS): the ACK is checked against
     * the latest. Sent at 0 s (ISS 7) and 10 s (ISS 8): at 20 s the latest is 10 s old, found with
     * ISS 8; at 26 s + 1 us it is older than 16 s and nothing is found. Growing past the first
     * 64 slots keeps the order: 100 other flows in between do not hide it.
     */
    @Test
    @DisplayName("a flow sent a cookie again is answered with the latest one")
    void latestCookieWins() {
        CookieJar jar = new CookieJar(LIFETIME);
        jar.issued(flow(1), 7, 9, 1460, 0);
        for (int i = 0; i < 100; i++) {
            jar.issued(flow(1000 + i), 100 + i, 0, 536, 5_000_000L + i);
        }
        jar.issued(flow(1), 8, 9, 1460, 10_000_000L);
        assertEquals(8, jar.find(flow(1), 20_000_000L).iss());
        assertEquals(100 + 42, jar.find(flow(1042), 20_000_000L).iss());
        assertNull(jar.find(flow(1), 26_000_001L));
    }
}
