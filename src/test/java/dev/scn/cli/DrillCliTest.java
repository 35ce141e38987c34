package dev.scn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.scn.cli.CliTest.scn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scn drill} as a user runs it: verdict lines, the summary, exit codes 0/1/2, a known-failures list. */
class DrillCliTest {
    /** FreeBSD 14 answers this SYN with this SYN-ACK (the suite's rcv-data-segments scripts open so). */
    static final String GOOD = """
             0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0.00 bind(3, ..., ...) = 0
            +0.00 listen(3, 1) = 0
            +0.00 < S   0:0(0) win 65535 <mss 1460,sackOK,eol,eol>
            +0.00 > S.  0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>
            """;

    @Test
    void passingFailingAndUnparsableScripts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-good.pkt"), GOOD);
        CliTest.Outcome ok = scn("drill", dir.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS " + dir.resolve("a-good.pkt")), ok.out());
        assertTrue(ok.out().contains("1 scripts: 1 passed, 0 failed (100.0 % pass) on 14.2-RELEASE"), ok.out());

        Files.writeString(dir.resolve("b-bad.pkt"), GOOD.replace("win 65535 <mss 1460,sackOK,eol,eol>\n", "win 1 <mss 1460,sackOK,eol,eol>\n"));
        CliTest.Outcome failed = scn("drill", dir.toString());
        assertEquals(1, failed.code(), failed.out() + failed.err());
        assertTrue(failed.out().contains("FAIL " + dir.resolve("b-bad.pkt")
                + ":5: error handling packet: live packet field tcp_window: expected: 1 vs actual: 65535"), failed.out());

        Path known = dir.resolve("known.txt");
        Files.writeString(known, "# scripts expected to fail\nb-bad.pkt  the window is written wrong on purpose\n");
        CliTest.Outcome listed = scn("drill", dir.toString(), "--known-failures", known.toString());
        assertEquals(0, listed.code(), listed.out() + listed.err());

        Files.writeString(dir.resolve("c-broken.pkt"), "+0.00 > S 0:0(0) win\n");
        CliTest.Outcome broken = scn("drill", dir.toString());
        assertEquals(2, broken.code(), broken.out() + broken.err());
        assertTrue(broken.err().contains("c-broken.pkt:1:"), broken.err());
        assertTrue(!broken.err().contains("Exception"), broken.err());
    }

    @Test
    void noScriptIsBadInput(@TempDir Path dir) {
        CliTest.Outcome none = scn("drill", dir.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no *.pkt script found"), none.err());
    }

    @Test
    void anOlderReleaseIsSimulatedWhenAsked(@TempDir Path dir) throws Exception {
        // A script that only makes a socket holds on every release; the summary names the one simulated.
        Files.writeString(dir.resolve("s.pkt"), " 0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        CliTest.Outcome o = scn("drill", "--os", "5.4", dir.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("on 5.4-RELEASE"), o.out());
    }
}
