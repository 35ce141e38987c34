package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded generator of valid scenarios over every release, rule sets, sysctl changes, host
 * events, path filters and traffic: each one checks clean and runs to its end with exit 0 or 1
 * (an expectation may fail; nothing else may).
 */
class GeneratedScenariosTest {
    private static final List<String> RELEASES = List.of("4.11", "5.4", "6.4", "7.4", "8.4", "9.3", "10.4", "11.4", "14.2");
    private static final int SCENARIOS = 150;

    @Test
    @DisplayName("150 generated valid scenarios check clean and run to the end")
    void generatedScenariosRun(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(1124);
        Path file = dir.resolve("generated.scn");
        int failedExpectations = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String text = generate(i, random);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            CliTest.Outcome check = CliTest.scn("check", file.toString());
            assertEquals(0, check.code(), "scenario " + i + " is valid:\n" + check.err() + "\n" + text);
            CliTest.Outcome run = CliTest.scn("run", file.toString());
            assertTrue(run.code() == 0 || run.code() == 1, "scenario " + i + " ran: " + run.code() + "\n" + run.err()
                    + "\n" + text);
            assertFalse(run.err().contains("internal error"), run.err());
            failedExpectations += run.code();
        }
        assertTrue(failedExpectations < SCENARIOS, "some generated expectations held");
    }

    static String generate(int n, SplittableRandom r) {
        String release = RELEASES.get(r.nextInt(RELEASES.size()));
        int major = Integer.parseInt(release.split("\\.")[0]);
        StringBuilder s = new StringBuilder();
        s.append("scenario generated-").append(n).append(" {\n");
        s.append("    title en \"Generated ").append(n).append("\" zh \"生成的场景 ").append(n).append("\"\n");
        s.append("    seed ").append(r.nextInt(100_000)).append("\n");
        int runMinutes = 10 + r.nextInt(110);
        s.append("    run ").append(runMinutes).append("m\n");
        s.append("    host server {\n        os freebsd ").append(release).append("\n        ip 192.0.2.10\n");
        boolean ipfw = r.nextInt(4) != 0;
        if (ipfw) {
            s.append("        sysctl net.inet.ip.fw.dyn_keepalive=").append(r.nextInt(2)).append('\n');
            s.append("        sysctl net.inet.ip.fw.dyn_ack_lifetime=").append(1 + r.nextInt(600)).append('\n');
            s.append("        ipfw add 100 check-state\n");
            s.append("        ipfw add 200 allow tcp from any to me 80 setup keep-state\n");
            if (r.nextBoolean()) {
                s.append("        ipfw add 300 reset tcp from any to me 81\n");
            }
            s.append("        ipfw add 65000 deny ip from any to any\n");
        }
        if (major >= 7 && r.nextBoolean()) {
            s.append("        sysctl net.inet.tcp.fast_finwait2_recycle=1\n");
        }
        String[] endings = {"close", "shutdown", "linger 0", "wait-for-client"};
        s.append("        listen 80 http { request 300 response ").append(1 + r.nextInt(64)).append("k then ")
                .append(endings[r.nextInt(endings.length)]).append(" }\n    }\n");
        s.append("    host client {\n        os freebsd ").append(RELEASES.get(r.nextInt(RELEASES.size())))
                .append("\n        ip 198.51.100.7\n        stray ").append(r.nextBoolean() ? "rst" : "drop").append("\n    }\n");
        s.append(String.format(Locale.ROOT, "    link client server delay %dms jitter %dms loss %d.%d%%\n",
                1 + r.nextInt(200), r.nextInt(20), r.nextInt(3), r.nextInt(10)));
        if (r.nextInt(3) == 0) {
            s.append("    drop on client->server tcp flags F count 1\n");
        }
        s.append("    at 0s client connect server:80 as c1\n");
        int t = 1;
        String[] actions = {"c1 send 1k", "c1 recv", "c1 shutdown", "c1 close", "c1 abort", "client forget c1",
                "server crash", "server reboot", "client down", "client up", "on server ifconfig em0 down",
                "on server ifconfig em0 up", "link client server down", "link client server up", "sample server",
                "show server netstat", "show server ipfw", "show server sysctl net.inet.tcp",
                "client connect server:80 as c2", "inject client:1025->server:80 tcp [R] seq 1 ack 0 win 0 len 0"};
        boolean c2 = false;
        for (int k = 0; k < 1 + r.nextInt(8); k++) {
            t += 1 + r.nextInt(300);
            if (t >= runMinutes * 60) {
                break;
            }
            String action = actions[r.nextInt(actions.length)];
            if (action.contains("as c2")) {
                if (c2) {
                    continue;
                }
                c2 = true;
            }
            if (!ipfw && action.equals("show server ipfw")) {
                continue;
            }
            s.append("    at ").append(t).append("s ").append(action).append('\n');
        }
        if (ipfw && r.nextBoolean()) {
            t += 1 + r.nextInt(60);
            s.append("    at ").append(t).append("s on server sysctl net.inet.ip.fw.dyn_keepalive=0\n");
        }
        if (r.nextBoolean()) {
            s.append("    every 5m sample server\n");
        }
        String[] states = {"ESTABLISHED", "FIN_WAIT_2", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK"};
        s.append("    at ").append(1 + r.nextInt(runMinutes)).append("m expect server netstat ")
                .append(states[r.nextInt(states.length)]).append(" <= 1\n");
        s.append("    at ").append(runMinutes).append("m expect c1 on server is CLOSED\n");
        if (ipfw) {
            s.append("    at ").append(1 + r.nextInt(runMinutes)).append("m expect server ipfw dynamic >= 0\n");
        }
        s.append("    always expect server netstat LISTEN == 1\n");
        if (r.nextInt(3) == 0) {
            s.append("    traffic web from 203.0.113.0/28 to server:80 rate ").append(1 + r.nextInt(3))
                    .append("/s during 0s..2m {\n        request 300 response 4k\n        50% normal\n        25% vanish\n"
                            + "        15% reset\n        10% lose-fin\n    }\n");
        }
        s.append("    variant \"other\" {\n        on server sysctl net.inet.tcp.keepintvl=").append(10_000 + r.nextInt(100_000))
                .append("\n    }\n}\n");
        return s.toString();
    }
}
