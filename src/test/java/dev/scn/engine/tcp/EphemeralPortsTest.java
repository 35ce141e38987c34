package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EphemeralPortsTest {

    @Test
    @DisplayName("model §5 ports: 4.11 allocates sequentially from 1024 (RELENG_4 in_pcb.c, no randomization)")
    void releng4IsSequential() {
        TwoHosts n = new TwoHosts("4.11");
        assertEquals(1024, n.clientTcp.connect("a", TwoHosts.SERVER_IP, 80, null).connection().localPort());
        assertEquals(1025, n.clientTcp.connect("b", TwoHosts.SERVER_IP, 80, null).connection().localPort());
        assertEquals(1026, n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null).connection().localPort());
    }

    @ParameterizedTest(name = "freebsd {0}: ports in {1}..{2}")
    @CsvSource({"5.4, 1024, 5000", "6.4, 49152, 65535", "7.4, 49152, 65535", "9.3, 10000, 65535", "14.2, 10000, 65535"})
    @DisplayName("model §5 ports: each release allocates from its default range, randomly")
    void rangePerRelease(String release, int first, int last) {
        TwoHosts n = new TwoHosts(release);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            int port = n.clientTcp.connect("c" + i, TwoHosts.SERVER_IP, 80, null).connection().localPort();
            assertTrue(port >= first && port <= last, "port " + port);
            ports.add(port);
        }
        assertEquals(10, ports.size());
        assertTrue(ports.stream().anyMatch(p -> p > first + 100), "random start, not sequential from the bottom");
    }

    /*
     * ipport_tick: more than randomcps (10) allocations within one second switch TCP to
     * sequential allocation for randomtime (45) seconds. 30 connections in second 0, then at 1 s
     * the tick sees 30 > 0 + 10: sequential; a connection at 2 s gets the port after the last one.
     */
    @Test
    @DisplayName("model §5 ports: more than 10 allocations in a second switch to sequential ports for 45 s")
    void burstTurnsAllocationSequential() {
        TwoHosts n = new TwoHosts("6.4");
        int lastPort = 0;
        for (int i = 0; i < 30; i++) {
            lastPort = n.clientTcp.connect("c" + i, TwoHosts.SERVER_IP, 81, null).connection().localPort();
        }
        n.runUntil(SimTime.seconds(2));
        int next = n.clientTcp.connect("after", TwoHosts.SERVER_IP, 81, null).connection().localPort();
        assertEquals(lastPort + 1, next);
    }
}
