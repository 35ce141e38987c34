package dev.scn.lang;

import dev.scn.lang.antlr.ScnParser;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs built to exhaust the front end (deep nesting, huge files) end as one diagnostic each. */
class ParserLimitsTest {

    /** Issue 9 item 1: 6000 '[' overflowed the stack of the recursive tcpFlags rule. */
    @Test
    void hundredThousandNestedBracketsInFlagsAreOneErrorNotAStackOverflow() {
        String source = "scenario s {\n    run 1d\n    drop on a->b tcp flags " + "[".repeat(100_000) + "F."
                + "]".repeat(100_000) + " count 1\n}\n";
        ParseResult r = ScenarioParser.parse(source, "deep.scn");
        assertFalse(r.ok());
        Diagnostic first = r.diagnostics().sorted().get(0);
        // "    drop on a->b tcp flags " is 27 characters: the first '[' is column 28, the second 29.
        assertEquals("3:29 E0112 expected tcpdump flags such as S, S. or F. after '['",
                first.span().line() + ":" + first.span().column() + " " + first.code() + " " + first.message());
        assertEquals(1, r.diagnostics().errorCount(), r.diagnostics().sorted().toString());
    }

    @Test
    void nestedBracketsInAnInjectLineAreAnErrorToo() {
        ParseResult r = ScenarioParser.parse("scenario s {\n    run 1d\n    at 0s inject a:1->b:2 tcp " + "[".repeat(20_000)
                + "S] seq 1 ack 0 win 0 len 0\n}\n", "deep.scn");
        Diagnostic first = r.diagnostics().sorted().get(0);
        assertEquals("3:32 E0112", first.span().line() + ":" + first.span().column() + " " + first.code());
    }

    @Test
    void oneLevelOfBracketsStaysValid() {
        ParseResult r = ScenarioParser.parse("scenario s {\n    run 1d\n    drop on a->b tcp flags [F.] count 1\n"
                + "    drop on b->a tcp flags . \n    at 0s inject a:1->b:2 tcp [R.] seq 1 ack 0 win 0 len 0\n}\n", "ok.scn");
        assertTrue(r.ok(), r.diagnostics().sorted().toString());
    }

    /**
     * The root of item 1: no parser rule may reach itself, so no input can make the parser recurse
     * deeper than the grammar's own rule nesting.
     */
    @Test
    void noParserRuleIsRecursive() {
        ATN atn = new ScnParser(null).getATN();
        List<BitSet> calls = new ArrayList<>();
        for (int rule = 0; rule < atn.ruleToStartState.length; rule++) {
            calls.add(callees(atn.ruleToStartState[rule]));
        }
        for (int rule = 0; rule < calls.size(); rule++) {
            BitSet reachable = new BitSet();
            Deque<Integer> todo = new ArrayDeque<>();
            calls.get(rule).stream().forEach(todo::add);
            while (!todo.isEmpty()) {
                int r = todo.pop();
                if (!reachable.get(r)) {
                    reachable.set(r);
                    calls.get(r).stream().forEach(todo::add);
                }
            }
            assertFalse(reachable.get(rule), "rule '" + ScnParser.ruleNames[rule] + "' can invoke itself");
        }
    }

    private static BitSet callees(ATNState start) {
        BitSet out = new BitSet();
        BitSet seen = new BitSet();
        Deque<ATNState> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            ATNState s = todo.pop();
            if (seen.get(s.stateNumber) || s instanceof RuleStopState) {
                continue;
            }
            seen.set(s.stateNumber);
            for (Transition t : s.getTransitions()) {
                if (t instanceof RuleTransition call) {
                    out.set(call.target.ruleIndex);
                    todo.push(call.followState);
                } else {
                    todo.push(t.target);
                }
            }
        }
        return out;
    }

    /** Issue 9 item 5: a 3 GB file was read whole (OutOfMemoryError). Sparse: takes no disk. */
    @Test
    void aFileOverTheLimitIsOneDiagnosticAndIsNotRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.scn");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        ParseResult r = ScenarioParser.parse(big);
        assertEquals(1, r.diagnostics().errorCount());
        Diagnostic d = r.diagnostics().sorted().get(0);
        assertEquals("E0003", d.code());
        assertTrue(d.message().contains("16 MiB"), d.message());
    }

    @Test
    void aFileJustUnderTheLimitIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("padded.scn");
        String scenario = "scenario s {\n    run 1d\n}\n";
        byte[] bytes = new byte[16 * 1024 * 1024]; // the documented limit, exactly
        java.util.Arrays.fill(bytes, (byte) '\n');
        System.arraycopy(scenario.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, bytes, 0, scenario.length());
        Files.write(file, bytes);
        ParseResult r = ScenarioParser.parse(file);
        assertTrue(r.ok(), r.diagnostics().sorted().toString());
    }

    /** 16 MiB of one-character tokens took more than 1 GB of parse tree: tokens are bounded too. */
    @Test
    void moreTokensThanTheLimitIsOneDiagnosticWhereTheLimitIsReached() {
        StringBuilder source = new StringBuilder("scenario s {\n    run 1d\n    host a {\n        os freebsd 5.4\n"
                + "        ip 10.0.0.1\n    }\n");
        for (int i = 0; i < 130_000; i++) {
            source.append("    at 0s a crash\n"); // 4 tokens a line
        }
        ParseResult r = ScenarioParser.parse(source.append("}\n").toString(), "long.scn");
        assertEquals(1, r.diagnostics().errorCount(), r.diagnostics().sorted().toString());
        Diagnostic d = r.diagnostics().sorted().get(0);
        assertEquals("E0003", d.code());
        assertEquals("the file has more than 500,000 words and symbols", d.message());
        // 14 tokens before the timeline (lines 1-6), then 4 a line: token 500,001 is timeline token
        // 499,987 = 4 * 124,996 + 3, the third ('a', column 11) of timeline line 124,997 (file line 6 + that).
        assertEquals((6 + 124_997) + ":11", d.span().line() + ":" + d.span().column());
    }

    @Test
    void aDeviceThatNeverEndsIsRefusedAfterTheLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        ParseResult r = ScenarioParser.parse(zero);
        Diagnostic d = r.diagnostics().sorted().get(0);
        assertEquals("E0003", d.code());
    }
}
