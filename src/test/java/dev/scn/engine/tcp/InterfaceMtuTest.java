package dev.scn.engine.tcp;

import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The MSS a SYN offers follows the interface MTU (14.x tcp_input.c tcp_mssopt: tcp_maxmtu() -
 * min_protoh, 40 for IPv4), without the net.inet.tcp.minmss (216) clamp.
 */
class InterfaceMtuTest {
    private static int synMss(int mtu) {
        SocketHost h = new SocketHost("14.2");
        h.host.externalInterface().setMtu(mtu);
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        assertEquals(TcpFlags.SYN, h.last().flags());
        return h.last().mssOption();
    }

    /* Scripts snd-syn-mss-inherited-from-mtu-{72,9000}: "<mss 32,...>" = 72 - 40, "<mss 8960,...>" = 9000 - 40; 1500 - 40 = 1460. */
    @Test
    @DisplayName("SYN MSS = interface MTU - 40: 32 at MTU 72, 8960 at 9000, 1460 at 1500")
    void mssFromMtu() {
        assertEquals(32, synMss(72));
        assertEquals(8960, synMss(9000));
        assertEquals(1460, synMss(1500));
    }

    /* net/if.h IF_MINMTU = 72: ifconfig refuses less. */
    @Test
    @DisplayName("an MTU below IF_MINMTU (72) is refused")
    void belowMinimumRefused() {
        assertThrows(IllegalArgumentException.class, () -> synMss(71));
    }
}
