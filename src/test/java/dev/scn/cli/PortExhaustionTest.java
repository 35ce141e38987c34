package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 3: running out of ephemeral ports is connect(2) failing with EADDRNOTAVAIL
 * (in_pcb.c in_pcb_lport), counted per host; the run goes on. Never an internal error.
 */
class PortExhaustionTest {

    static final String SERVER = """
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 20k then close }
                }
            """;

    /** 100000/s (the documented maximum) for 1 s from one pool: 1024..5000 is 3977 ports, fetches take 90 ms. */
    static final String MAX_RATE = "scenario port-exhaustion {\n    seed 1\n    run 2s\n" + SERVER + """
                traffic web from 203.0.113.0/24 to server:80 rate 100000/s during 0s..1s {
                    request 300 response 20k
                    100% normal
                }
                link web server delay 30ms
            }
            """;

    /** 100/s into a link that loses everything: each SYN_SENT holds its port 75 s (keepinit). */
    static final String LOSSY = "scenario loss-exhaustion {\n    seed 1\n    run 2m\n" + SERVER + """
                traffic web from 203.0.113.0/24 to server:80 rate 100/s during 0s..2m {
                    request 300 response 20k
                    100% normal
                }
                link web server loss 100%
            }
            """;

    /** 10,000 connects from one client to a server that never closes: ports 1024..5000 run out. */
    static final String MANY_CONNECTS = """
            scenario connect-exhaustion {
                seed 1
                run 12s
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80
                }
                link client server delay 10ms
                every 1ms from 1ms until 10s client connect server:80 as c1
                at 11s expect c1 on client is CLOSED
            }
            """;

    /** One port in the range: c1 takes it, c2's connect fails. */
    static final String ONE_PORT = """
            scenario one-port {
                seed 1
                run 10s
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                    sysctl net.inet.ip.portrange.first=5000
                    sysctl net.inet.ip.portrange.last=5000
                }
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80
                }
                link client server delay 10ms
                at 1s client connect server:80 as c1
                at 2s client connect server:80 as c2
                at 3s c2 send 100
                at 4s c2 close
                at 5s expect c1 on client is ESTABLISHED
                at 5s expect c2 on client is CLOSED
                at 5s expect c2 on server exists == 0
            }
            """;

    static Path write(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static void assertNoInternalError(CliTest.Outcome o) {
        String all = o.out() + o.err();
        assertFalse(all.contains("internal error"), all.length() > 4000 ? all.substring(0, 4000) : all);
        assertFalse(all.contains("Exception"), all.length() > 4000 ? all.substring(0, 4000) : all);
    }

    @Test
    @DisplayName("traffic at rate 100000/s: connects fail with EADDRNOTAVAIL, counted for the pool in run output and JSON; exit 0")
    void documentedMaximumRateRunsOutOfPorts(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rate.scn", MAX_RATE);
        Path json = dir.resolve("r.json");
        CliTest.Outcome o = CliTest.scn("run", file.toString(), "--json", json.toString());
        assertNoInternalError(o);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().matches("(?s).*  web: \\d+ connect\\(2\\) calls failed with EADDRNOTAVAIL.*"), o.out());
        assertTrue(Files.readString(json).replaceAll("\\s+", " ").matches("(?s).*\"connect_eaddrnotavail\": \\{ \"web\": \\d+ }.*"),
                Files.readString(json));
    }

    @Test
    @DisplayName("rate 100/s over a loss 100% link: run, report and explain finish without an internal error")
    void lossyLinkRunsOutOfPorts(@TempDir Path dir) throws Exception {
        Path file = write(dir, "loss.scn", LOSSY);
        CliTest.Outcome run = CliTest.scn("run", file.toString());
        assertNoInternalError(run);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("web: ") && run.out().contains("EADDRNOTAVAIL"), run.out());
        CliTest.Outcome report = CliTest.scn("report", file.toString(), "-o", dir.resolve("out").toString());
        assertNoInternalError(report);
        assertEquals(0, report.code(), report.err());
    }

    @Test
    @DisplayName("10,000 connects from one client: the failed ones print a line with their time; run and explain go on")
    void tenThousandConnectsFromOneClient(@TempDir Path dir) throws Exception {
        Path file = write(dir, "many.scn", MANY_CONNECTS);
        CliTest.Outcome run = CliTest.scn("run", file.toString());
        assertNoInternalError(run);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("client# connect server:80 as c1\nconnect: Can't assign requested address"), run.out());
        assertTrue(run.out().matches("(?s).*  client: \\d+ connect\\(2\\) calls failed with EADDRNOTAVAIL.*"));
        CliTest.Outcome explain = CliTest.scn("explain", file.toString(), "--conn", "c1");
        assertNoInternalError(explain);
        assertTrue(explain.code() == 0 || explain.code() == 2, explain.err());
    }

    @Test
    @DisplayName("a timeline connect that fails: '[2s] client# connect server:80 as c2' says so; c2 is CLOSED; its calls do nothing")
    void failedNamedConnectDoesNotExist(@TempDir Path dir) throws Exception {
        Path file = write(dir, "one.scn", ONE_PORT);
        CliTest.Outcome o = CliTest.scn("run", file.toString());
        assertNoInternalError(o);
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("[2s] client# connect server:80 as c2\nconnect: Can't assign requested address"
                + " (EADDRNOTAVAIL: no free port in net.inet.ip.portrange.first..last); c2 was not opened\n"), o.out());
        assertTrue(o.out().contains("  client: 1 connect(2) calls failed with EADDRNOTAVAIL"), o.out());
    }

    @Test
    @DisplayName("scn bench --rate 100000: the pool's failed connects are reported, no internal error")
    void benchAtHighRate() {
        CliTest.Outcome o = CliTest.scn("bench", "--connections", "20000", "--rate", "100000");
        assertNoInternalError(o);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("EADDRNOTAVAIL"), o.out());
    }
}
