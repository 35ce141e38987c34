package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end: the CLI as a user runs it, on the scenarios of the repository. */
class CliTest {
    static final String SEED = "scenarios/finwait2-ipfw-keepalive.scn";

    /** What a run printed and returned. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome scn(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("scn run on the seed scenario: exit 0; JSON shows FIN_WAIT_2 = 1 at the end of the base run, 0 in the fix")
    void seedScenarioRunsGreen(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Outcome o = scn("run", SEED, "--json", json.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"schema\": \"scn-result/1\""));
        int base = text.indexOf("\"name\": \"base\"");
        int fix = text.indexOf("\"name\": \"fix: sysctl net.inet.ip.fw.dyn_keepalive=0\"");
        assertTrue(base >= 0 && fix > base, text);
        String baseRun = text.substring(base, fix);
        String fixRun = text.substring(fix);
        assertTrue(baseRun.contains("\"subject\": \"c1 on server\""), baseRun);
        assertTrue(baseRun.replaceAll("\\s+", " ").contains("\"time\": \"1d\", \"mode\": \"at\", "
                + "\"subject\": \"server netstat FIN_WAIT_2\", \"op\": \"==\", \"expected\": \"1\", \"actual\": \"1\""),
                baseRun);
        assertTrue(fixRun.replaceAll("\\s+", " ").contains("\"time\": \"1d\", \"mode\": \"at\", "
                + "\"subject\": \"server netstat FIN_WAIT_2\", \"op\": \"==\", \"expected\": \"0\", \"actual\": \"0\""),
                fixRun);
        assertTrue(baseRun.contains("\"actual\": \"FIN_WAIT_2\""), baseRun);
        assertTrue(baseRun.replaceAll("\\s+", " ").contains("\"server\": { \"CLOSED\": 0, \"LISTEN\": 1, "
                + "\"SYN_SENT\": 0, \"SYN_RCVD\": 0, \"ESTABLISHED\": 0, \"CLOSE_WAIT\": 0, \"FIN_WAIT_1\": 0, "
                + "\"CLOSING\": 0, \"LAST_ACK\": 0, \"FIN_WAIT_2\": 1"), baseRun);
        assertTrue(fixRun.replaceAll("\\s+", " ").contains("\"FIN_WAIT_2\": 0"), fixRun);
        assertTrue(fixRun.contains("\"actual\": \"CLOSED\""), fixRun);
        assertFalse(text.contains("\"held\": false"), text);
        assertTrue(o.out().contains("FIN_WAIT_2"), "the show lines print netstat");
    }

    @Test
    @DisplayName("a false expectation exits 1 and names its file and line")
    void falseExpectationExitsOne() {
        Outcome o = scn("run", "src/test/resources/cli/false-expectation.scn");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("FAILED  src/test/resources/cli/false-expectation.scn:22:"), o.out());
        assertTrue(o.out().contains("held    src/test/resources/cli/false-expectation.scn:21:"), o.out());
    }

    @Test
    @DisplayName("scn check on the repository's scenarios exits 0")
    void checkScenarios() {
        Outcome o = scn("check", SEED);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("ok"), o.out());
    }

    @Test
    @DisplayName("a missing file and a directory are bad input (exit 2), with no stack trace")
    void missingFileAndDirectory() {
        Outcome missing = scn("check", "no/such/file.scn");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no/such/file.scn:0:0: error[E0001]: no such file"), missing.err());
        Outcome dir = scn("run", "scenarios");
        assertEquals(2, dir.code());
        assertFalse(dir.err().contains("Exception") || dir.err().contains("at java."), dir.err());
    }

    @Test
    @DisplayName("an unknown variant and a bad option are bad input (exit 2)")
    void badOptions() {
        assertEquals(2, scn("run", SEED, "--variant", "nope").code());
        assertEquals(2, scn("run", SEED, "--max-events", "zero").code());
        assertEquals(2, scn("frobnicate").code());
    }

    @Test
    @DisplayName("--max-events too small stops the run with a message naming the bound (exit 2)")
    void eventBudget() {
        Outcome o = scn("run", SEED, "--max-events", "100", "--variant", "base");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--max-events"), o.err());
    }

    @Test
    @DisplayName("scn explain names the ipfw keepalive behind the last idle reset and the dyn_ack_lifetime refresh")
    void explain() {
        Outcome o = scn("explain", SEED, "--conn", "c1", "--at", "1d");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("c1 on server at 1d: FIN_WAIT_2"), o.out());
        assertTrue(o.out().contains("ipfw keepalive"), o.out());
        assertTrue(o.out().contains("dyn_ack_lifetime"), o.out());
    }

    @Test
    @DisplayName("--help on every command shows examples and exit codes; --version answers")
    void helpAndVersion() {
        for (String command : new String[] {"check", "run", "explain"}) {
            Outcome o = scn(command, "--help");
            assertEquals(0, o.code());
            assertTrue(o.out().contains("Examples:") && o.out().contains("Exit codes:"), o.out());
        }
        Outcome v = scn("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("scn "), v.out());
        Outcome completion = scn("generate-completion");
        assertEquals(0, completion.code());
        assertTrue(completion.out().contains("complete -F"), completion.out().substring(0, 200));
    }

    @Test
    @DisplayName("an output path that cannot be written is bad input before anything runs (exit 2)")
    void unwritableOutput(@TempDir Path dir) {
        Outcome o = scn("run", SEED, "--json", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("cannot write " + dir + ": it is a directory"), o.err());
        assertEquals("", o.out(), "nothing ran");
    }

    @Test
    @DisplayName("--pcap writes a capture of the run, the same bytes twice")
    void pcapIsDeterministic(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        assertEquals(0, scn("run", SEED, "--variant", "base", "--pcap", a.toString()).code());
        assertEquals(0, scn("run", SEED, "--variant", "base", "--pcap", b.toString()).code());
        byte[] first = Files.readAllBytes(a);
        assertTrue(first.length > 24);
        assertEquals(java.util.HexFormat.of().formatHex(first), java.util.HexFormat.of().formatHex(Files.readAllBytes(b)));
    }
}
