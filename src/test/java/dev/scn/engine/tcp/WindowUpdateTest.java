package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When reading opens the window enough for tcp_output to send a window update
 * (docs/research/socket-api.md, "Buffer rounding and the receive window").
 *
 * <p>By hand: the buffer is 65700 (65536 rounded to 45 x 1460), mss 1460. With delayed ACKs off,
 * 4380 bytes arrive and are acknowledged at once with window 65700 - 4380 = 61320, so
 * rcv_adv - rcv_nxt = 61320. Reading 1000: recwin = 62320, adv = 1000 < 2 x 1460: nothing on
 * either release. Reading the other 3380: recwin = min(65700, 65535) = 65535, adv = 65535 -
 * 61320 = 4215 >= 2920. 5.x sends on that alone. 14.x also needs adv >= 65700 / 4 = 16425, or
 * recwin <= 65700 / 8 = 8212, or a buffer <= 8 x 1460 = 11680, or adv >= 65535, and 2 x 4215 <
 * 65700: no update.
 */
class WindowUpdateTest {

    private static int segmentsAfterReading(String release) {
        SocketHost h = new SocketHost(release);
        h.host.sysctls().setByAdministrator("net.inet.tcp.delayed_ack", 0);
        int fd = h.establishedActive();
        h.inject(TcpFlags.ACK | TcpFlags.PUSH, 1, 1, 4380, 32767);
        Packet ack = h.last();
        assertEquals(61320, ack.window());
        int before = h.sent.size();
        assertEquals(1000, h.sockets.recv(fd, 1000, false).value());
        assertEquals(before, h.sent.size(), "a 1000-byte advance is no update anywhere");
        assertEquals(3380, h.sockets.recv(fd, 5000, false).value());
        return h.sent.size() - before;
    }

    @Test
    @DisplayName("5.4: reading opens the window by 4215 >= 2 MSS: a window update goes out")
    void oldRuleSends() {
        assertEquals(1, segmentsAfterReading("5.4"));
    }

    @Test
    @DisplayName("14.2: the same 4215-byte advance is below a quarter of the buffer: no update")
    void newRuleWaits() {
        assertEquals(0, segmentsAfterReading("14.2"));
    }

    /*
     * 14.x: no independent window update while a delayed ACK is pending (TF_DELACK). 14.x's
     * DELAY_ACK also wants tlen <= t_maxseg and no delayed ACK already pending, so: two 1460-byte
     * segments (the second is ACKed at once), then a 1000-byte one, whose ACK is delayed. Reading
     * all 3920 bytes advances the window by adv = 3920 >= 2 x 1460, which 5.x would announce at
     * once; 14.2 sends nothing while the delayed ACK is pending.
     */
    @Test
    void noUpdateUnderDelayedAck() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        int before = h.sent.size();
        h.inject(TcpFlags.ACK, 1, 1, 1460, 32767);
        h.inject(TcpFlags.ACK, 1461, 1, 1460, 32767);
        assertEquals(before + 1, h.sent.size(), "every second full segment is ACKed at once");
        h.inject(TcpFlags.ACK | TcpFlags.PUSH, 2921, 1, 1000, 32767);
        assertEquals(before + 1, h.sent.size(), "the third segment's ACK is delayed");
        assertEquals(3920, h.sockets.recv(fd, 5000, false).value());
        assertEquals(before + 1, h.sent.size());
    }
}
