package dev.scn.engine.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** in_pcb.c in_pcb_lport: a completely used ephemeral range makes connect(2) fail with EADDRNOTAVAIL. */
class ConnectEaddrnotavailTest {

    @Test
    @DisplayName("with one ephemeral port, the second connect(2) fails with EADDRNOTAVAIL: no pcb, nothing sent, counted")
    void secondConnectFindsNoFreePort() {
        TwoHosts n = new TwoHosts("5.4");
        n.client.sysctls().setByAdministrator("net.inet.ip.portrange.first", 5000);
        n.client.sysctls().setByAdministrator("net.inet.ip.portrange.last", 5000);
        TcpSocket first = n.clientTcp.connect("a", TwoHosts.SERVER_IP, 80, null);
        assertNotNull(first);
        assertEquals(5000, first.connection().localPort());
        int connections = n.clientTcp.connections().size();

        assertNull(n.clientTcp.connect("b", TwoHosts.SERVER_IP, 80, null), "EADDRNOTAVAIL: no socket");
        assertNull(n.clientTcp.connect("c", TwoHosts.SERVER_IP, 81, null), "still none free");
        assertEquals(connections, n.clientTcp.connections().size(), "no pcb was created");
        assertEquals(2, n.clientTcp.connectsFailedNoPort());
        assertEquals(TcpState.SYN_SENT, first.connection().state(), "the first connection is untouched");
    }

    @Test
    @DisplayName("a port freed after EADDRNOTAVAIL is found by the next connect(2)")
    void freedPortIsFoundAgain() {
        TwoHosts n = new TwoHosts("5.4");
        n.client.sysctls().setByAdministrator("net.inet.ip.portrange.first", 5000);
        n.client.sysctls().setByAdministrator("net.inet.ip.portrange.last", 5000);
        TcpSocket first = n.clientTcp.connect("a", TwoHosts.SERVER_IP, 80, null);
        assertNull(n.clientTcp.connect("b", TwoHosts.SERVER_IP, 80, null));
        n.clientTcp.forget(first.connection());
        TcpSocket again = n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null);
        assertNotNull(again);
        assertEquals(5000, again.connection().localPort());
        assertEquals(1, n.clientTcp.connectsFailedNoPort());
    }
}
