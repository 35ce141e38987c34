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
        assertTrue(html.contains("The dynamic-rule table on server was full: ipfw logged &quot;ipfw: install_state: "
                + "Too many dynamic rules&quot;"), "en");
        assertTrue(html.contains("server 上的动态规则表满了: ipfw 记录了"), "zh");
        assertTrue(html.contains("Connections of server still in FIN_WAIT_2 at the end of the run: 50."), "en state");
        assertTrue(html.contains("仿真结束时, server 上有 50 个连接处于 FIN_WAIT_2 状态."), "zh state");
        assertTrue(html.contains("net.inet.ip.fw.dyn_max is 50"), "en dyn_max");
    }
}
