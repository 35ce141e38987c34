package dev.scn.engine;

import dev.scn.engine.kernel.SimTime;

import dev.scn.engine.net.Direction;
import dev.scn.observe.Golden;
import dev.scn.observe.Observations;
import dev.scn.observe.TcpdumpFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an operator would have seen on the seed incident's server after one hour, byte for byte.
 * The golden files were checked by hand: the state was last refreshed at 281 + 285 x 11 = 3416 s,
 * so at 3600 s it has 3716 - 3600 = 116 s left; it was hit by 10 client packets after the SYN,
 * 16 server packets (SYN-ACK and 15 data segments) and 12 keepalive answers = 38 packets,
 * 22304 bytes, and rule 200 counts those plus the SYN (44 bytes) that created the state.
 * With RFC 1323 and SACK options (5.4 builds them inline in tcp_output/syncache_respond): the
 * SYN and SYN-ACK carry mss (4) + nop,nop,sackOK (4) + nop,wscale (4) + nop,nop,TS (12) = 24
 * option bytes instead of 4 (+20 each), every later TCP segment carries nop,nop,TS (+12): the
 * state's 38 packets are 22304 + 20 + 37 x 12 = 22768 bytes and rule 200 22768 + 64 = 22832.
 * The 20480-byte response still takes 15 segments (14 x 1448 + 208). Every window field after
 * the SYNs is 33304: both ends scale by 1, and tcp_mss rounded the 65536-byte receive buffer up
 * to 46 segments of 1448 (66608), and nothing stays unread: 66608 >> 1.
 * tcpdump prints no "seq" on pure ACKs (print-tcp.c tcp_print) and numbers relative to the ISNs.
 */
class SeedGoldenTest {

    @Test
    @DisplayName("seed incident at 1 h: netstat -an, ipfw -d show and the tcpdump trace as FreeBSD shows them")
    void firstHour() {
        SeedIncidentTest.Run run = new SeedIncidentTest.Run("5.4");
        TcpdumpFormatter tcpdump = new TcpdumpFormatter();
        StringBuilder trace = new StringBuilder();
        run.sim.network().addTap((time, host, via, direction, packet) -> {
            if (direction == Direction.OUT) {
                trace.append(tcpdump.format(time, packet)).append('\n');
            }
        });
        run.runUntil(SimTime.seconds(3600));
        assertEquals(Golden.read("seed-5.4-1h-netstat.txt"), Observations.netstat(run.server));
        assertEquals(Golden.read("seed-5.4-1h-ipfw-d-show.txt"), Observations.ipfwDynamicShow(run.server));
        assertEquals(Golden.read("seed-5.4-first-hour.tcpdump"), trace.toString());
    }
}
