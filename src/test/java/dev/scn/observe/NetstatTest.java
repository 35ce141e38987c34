package dev.scn.observe;

import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.os.Profile;
import dev.scn.engine.os.Profiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetstatTest {
    private static final int SERVER = Ipv4.parse("192.0.2.10");
    private static final int CLIENT = Ipv4.parse("198.51.100.7");

    /** Creation order: the listener, then the connections it accepted. */
    private static final List<SocketRow> ROWS = List.of(
            SocketRow.listening(80),
            new SocketRow(SERVER, 80, CLIENT, 1030, 0, 1448, "ESTABLISHED"),
            new SocketRow(SERVER, 80, CLIENT, 1031, 0, 0, "FIN_WAIT_2"));

    private static Profile profile(String version) {
        return Profiles.exact(version).orElseThrow();
    }

    @Test
    @DisplayName("5.4: two spaces before Local Address, unpadded state, newest pcb first (inet.c protopr/inetprint, in_pcballoc LIST_INSERT_HEAD)")
    void freebsd54MatchesGolden() {
        assertEquals(Golden.read("netstat-freebsd-5.4.txt"), Netstat.tcpTable(profile("5.4"), ROWS));
    }

    @Test
    @DisplayName("14.2: single spaces, (state) and state padded to 11 columns (14.x inet.c protopr {:tcp-state/%-11s})")
    void freebsd142MatchesGolden() {
        assertEquals(Golden.read("netstat-freebsd-14.2.txt"), Netstat.tcpTable(profile("14.2"), ROWS));
    }

    @Test
    @DisplayName("No socket, no output: protopr prints its header only before the first row")
    void emptyTableIsEmpty() {
        assertEquals("", Netstat.tcpTable(profile("5.4"), List.of()));
    }

    @Test
    @DisplayName("inetprint: the longest numeric address.port fills the 22-column field with its trailing space")
    void longestAddressFitsTheColumn() {
        String field = Netstat.inetprint(Ipv4.parse("255.255.255.255"), 65535);
        assertEquals("255.255.255.255.65535  ", field);
        assertEquals(23, field.length());
    }

    @Test
    @DisplayName("Counts per state in tcpstates[] order, like netstat -an | grep -c STATE")
    void countsPerStateInTcpstatesOrder() {
        Map<String, Integer> counts = Netstat.countByState(ROWS);
        assertEquals(SocketRow.TCP_STATES, List.copyOf(counts.keySet()));
        assertEquals(1, counts.get("LISTEN"));
        assertEquals(1, counts.get("ESTABLISHED"));
        assertEquals(1, counts.get("FIN_WAIT_2"));
        assertEquals(0, counts.get("TIME_WAIT"));
    }

    @Test
    @DisplayName("A state name not in tcpstates[] is refused")
    void unknownStateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SocketRow(0, 80, 0, 0, 0, 0, "FIN_WAIT2"));
    }
}
