package dev.scn.report;

import dev.scn.cli.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without named connections the narrative tells the hosts' story: the overflow scenario's
 * report says, in both languages, that the table was full, when, and what is left (50 stuck
 * FIN_WAIT_2 connections and 50 dynamic rules at dyn_max 50, as the scenario derives).
 */
class HostNarrativeTest {

    @Test
    @DisplayName("the dyn_max overflow report tells when the table was full and what remains, in zh and en")
    void overflowNarrative(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "scenarios/dyn-max-overflow.scn", "-o", dir.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        String html = Files.readString(dir.resolve("dyn-max-overflow.html"));
        assertTrue(html.contains("The table was full: ipfw on server logged &quot;ipfw: install_state: "
                + "Too many dynamic rules&quot;"), "en");
        assertTrue(html.contains("动态规则表已满：server 上的 ipfw 记录了"), "zh");
        assertTrue(html.contains("Connections in FIN_WAIT_2 piled up on server"), "en state");
        assertTrue(html.contains("server 上堆积了处于 FIN_WAIT_2 的连接"), "zh state");
        assertTrue(html.contains("net.inet.ip.fw.dyn_max 50"), "en dyn_max");
    }
}
