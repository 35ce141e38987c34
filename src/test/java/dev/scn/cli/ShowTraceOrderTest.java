package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scn run --trace}: the output of {@code show} lines and the tcpdump lines come in the
 * order the simulation produced them. A show at T follows every packet sent before T; packets
 * sent at T exactly come before or after it as their events ran before or after the show's
 * (events due at one instant run in the order they were scheduled, FutureEvents). Until 74938c9
 * every show was printed first and every tcpdump line after them.
 */
class ShowTraceOrderTest {
    /**
     * Packets, one link delay (40 ms) apart: SYN at 0, SYN-ACK at 40 ms, the ACK and the request
     * at 80 ms, the response (1460 bytes, then 588 with the FIN: 2k = 2048 bytes, MSS 1460) at
     * 120 ms, the client's ACK at 160 ms. The show at 100 ms therefore falls after the four lines
     * up to 80 ms and before the three from 120 ms; the show at 5 s after all seven.
     */
    private static final String SCENARIO = """
            scenario order {
                seed 1
                run 10s
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 2k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 40ms
                at 0s      client connect server:80 as c1
                at 100ms   show client netstat
                at 5s      show server netstat
            }
            """;

    @Test
    @DisplayName("a show at 100 ms prints between the packets of 80 ms and 120 ms; a show at 5 s after all of them")
    void showsAndPacketsInTimeOrder(@TempDir Path dir) throws Exception {
        Path scn = dir.resolve("order.scn");
        Files.writeString(scn, SCENARIO);
        CliTest.Outcome o = CliTest.scn("run", scn.toString(), "--trace");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        List<String> heads = lines.stream().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP .*")
                || l.startsWith("[")).map(l -> l.startsWith("[") ? l : l.substring(0, 15)).toList();
        assertEquals(List.of("00:00:00.000000", "00:00:00.040000", "00:00:00.080000", "00:00:00.080000",
                "[0.1s] client# netstat -an -p tcp",
                "00:00:00.120000", "00:00:00.120000", "00:00:00.160000",
                "[5s] server# netstat -an -p tcp"), heads, o.out());
        // The client took the SYN-ACK at 80 ms: ESTABLISHED; the server's FIN (120 ms) is still on its way.
        int show = lines.indexOf("[0.1s] client# netstat -an -p tcp");
        assertTrue(lines.get(show + 3).endsWith("ESTABLISHED"), o.out());
    }
}
