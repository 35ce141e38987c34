package dev.scn.observe;

import dev.scn.engine.flow.Ipv4;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wireshark's own dissector reads our pcap of the seed scenario file (2 simulated days: keepalive
 * cycles every 285 s from 281 s) and agrees with the engine on every packet, finds no bad
 * checksum and no malformed packet, and flags ipfw's probes as TCP keep-alives: packet-tcp.c
 * marks a segment with length 0 or 1, no SYN/FIN/RST, and seq one below the next expected
 * sequence number of its direction, which is what ipfw's send_pkt(ack - 1) produces.
 *
 * <p>Needs tshark on the PATH (.ci/run installs Debian's). Without it the test fails in CI (the
 * CI environment variable is set) and is skipped elsewhere.
 */
class TsharkDecodesPcapTest {
    static final List<String> FIELDS = List.of("ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.flags",
            "tcp.seq_raw", "tcp.ack_raw", "tcp.analysis.keep_alive", "ip.checksum.status", "tcp.checksum.status",
            "_ws.expert.message");
    /** Wireshark's PROTO_CHECKSUM_E_GOOD, shown by the *.checksum.status fields. */
    static final String CHECKSUM_GOOD = "1";

    @Test
    void tsharkDecodesTheSeedIncidentCaptureLikeTheEngine(@TempDir Path dir) throws Exception {
        Path tshark = tsharkOrSkip();
        // The seed scenario file as a user runs it (scn run --pcap): base run, 2 simulated days.
        var parsed = dev.scn.lang.ScenarioParser.parse(Path.of("scenarios/finwait2-ipfw-keepalive.scn"));
        var scenario = parsed.scenarios().get(0);
        var result = new dev.scn.run.ScenarioRunner(scenario, new dev.scn.run.ScenarioRunner.RunOptions(
                dev.scn.run.ScenarioRunner.DEFAULT_MAX_EVENTS, true, "")).run("base");
        Capture capture = result.capture();
        Path file = dir.resolve("seed.pcap");
        capture.writePcap(file, 0);

        List<CapturedPacket> packets = capture.packets();
        // The capture holds exactly scn's own packet trace (what --trace prints), in order.
        assertEquals(result.packets().size(), packets.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(result.packets().get(i).segment().id(), packets.get(i).packet().id(), "packet " + i);
        }
        List<String[]> rows = decode(tshark, file, dir);
        assertEquals(packets.size(), rows.size(), "tshark decodes every packet");
        int keepalives = 0;
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i).packet();
            String[] row = rows.get(i);
            String where = "packet " + (i + 1) + " " + p + ": tshark says " + String.join(",", row);
            assertEquals(Ipv4.format(p.source()), row[0], where);
            assertEquals(String.valueOf(p.sourcePort()), row[1], where);
            assertEquals(Ipv4.format(p.destination()), row[2], where);
            assertEquals(String.valueOf(p.destinationPort()), row[3], where);
            assertEquals(p.flags(), Integer.decode(row[4]), where);
            assertEquals(Integer.toUnsignedString(p.seq()), row[5], where);
            assertEquals(Integer.toUnsignedString(p.ack()), row[6], where);
            boolean probe = p.origin() == Origin.IPFW_KEEPALIVE;
            assertEquals(probe, !row[7].isEmpty(), "tcp.analysis.keep_alive exactly on ipfw's probes: " + where);
            keepalives += probe ? 1 : 0;
            assertEquals(CHECKSUM_GOOD, row[8], "IP checksum: " + where);
            assertEquals(CHECKSUM_GOOD, row[9], "TCP checksum: " + where);
            String expert = row[10];
            assertFalse(expert.toLowerCase(java.util.Locale.ROOT).contains("checksum"), "checksum complaint: " + where);
            assertFalse(expert.contains("Malformed"), where);
        }
        // Cycles at 281 + 285k s up to 2 days: k = 0..605, two probes each (model §2, SeedIncidentTest).
        assertEquals(1212, keepalives, "606 cycles of two probes in 2 days");
    }

    /** One row of FIELDS per packet; expert messages of a packet joined with '|'. */
    static List<String[]> decode(Path tshark, Path file, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=,", "-E", "aggregator=|", "-E", "quote=n"));
        for (String field : FIELDS) {
            command.add("-e");
            command.add(field);
        }
        Path stderr = dir.resolve("tshark.stderr");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "tshark did not finish");
        assertEquals(0, process.exitValue(), "tshark failed: " + Files.readString(stderr));
        List<String[]> rows = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isEmpty()) {
                // The last field (expert messages) may itself contain commas: limit the split.
                rows.add(line.split(",", FIELDS.size()));
            }
        }
        for (String[] row : rows) {
            assertEquals(FIELDS.size(), row.length, "fields in: " + String.join(",", row));
        }
        return rows;
    }

    static Path tsharkOrSkip() {
        Optional<Path> found = onPath("tshark");
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("tshark is not on the PATH, and CI is set: .ci/run should have installed it (apt-get install tshark)");
            }
            Assumptions.abort("tshark is not on the PATH: skipping the Wireshark decoding check "
                    + "(install it with: apt-get install tshark)");
        }
        return found.orElseThrow();
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
