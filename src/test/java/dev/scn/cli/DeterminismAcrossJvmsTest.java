package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same files and seed give byte-identical stdout, JSON and pcap in another JVM with another
 * identity-hash algorithm, language and time zone.
 */
class DeterminismAcrossJvmsTest {

    @Test
    @DisplayName("a second JVM with -XX:hashCode=2, LANG=zh_CN.UTF-8 and TZ=Asia/Shanghai gives the same bytes")
    void otherJvmSameBytes(@TempDir Path dir) throws Exception {
        Path json1 = dir.resolve("a.json");
        Path pcap1 = dir.resolve("a.pcap");
        CliTest.Outcome here = CliTest.scn("run", CliTest.SEED, "--json", json1.toString(), "--pcap", pcap1.toString());
        assertEquals(0, here.code(), here.err());

        Path json2 = dir.resolve("b.json");
        Path pcap2 = dir.resolve("b.pcap");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2",
                "-Duser.language=zh", "-Duser.country=CN", "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", CliTest.SEED,
                "--json", json2.toString(), "--pcap", pcap2.toString()));
        pb.environment().put("LANG", "zh_CN.UTF-8");
        pb.environment().put("LC_ALL", "zh_CN.UTF-8");
        pb.environment().put("TZ", "Asia/Shanghai");
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the second JVM did not finish");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("err.txt")));

        assertEquals(here.out(), out.replace(File.separator.equals("\\") ? "\r\n" : "\u0000", "\n"));
        assertEquals(Files.readString(json1).replace(json1.toString(), "X").replace(CliTest.SEED, "S"),
                Files.readString(json2).replace(json2.toString(), "X").replace(CliTest.SEED, "S"));
        assertArrayEquals(Files.readAllBytes(pcap1), Files.readAllBytes(pcap2));
    }

    @Test
    @DisplayName("reports are byte-identical from another JVM with another hashCode, locale and time zone")
    void otherJvmSameReports(@TempDir Path dir) throws Exception {
        Path here = dir.resolve("here");
        assertEquals(0, CliTest.scn("report", CliTest.SEED, "-o", here.toString()).code());
        Path there = dir.resolve("there");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3",
                "-Duser.language=zh", "-Duser.country=TW", "-Duser.timezone=America/Los_Angeles",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "report", CliTest.SEED,
                "-o", there.toString()));
        pb.environment().put("LANG", "zh_TW.UTF-8");
        pb.environment().put("TZ", "America/Los_Angeles");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        Process process = pb.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the second JVM did not finish");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("log.txt")));
        for (String name : new String[] {"finwait2-ipfw-keepalive.html", "finwait2-ipfw-keepalive.trace.txt"}) {
            assertArrayEquals(Files.readAllBytes(here.resolve(name)), Files.readAllBytes(there.resolve(name)), name);
        }
    }
}
