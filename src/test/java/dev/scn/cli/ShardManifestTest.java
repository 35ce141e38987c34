package dev.scn.cli;

import dev.scn.model.Texts;
import dev.scn.report.Index;
import dev.scn.report.Report;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shard manifest reads back what it wrote, whatever the names and messages hold. */
class ShardManifestTest {
    @Test
    @DisplayName("a manifest with quotes, backslashes, newlines, control characters and CJK names round-trips to the same bytes")
    void roundTrip() {
        String odd = "../in/a \"b\"\\c\n\t\u0001中文 #?:.scn";
        Report.Run base = new Report.Run("base", true, 1, 2, List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0, true);
        Report.Run variant = new Report.Run("fix: \"x\"", false, 2, 2, List.of(), List.of(), List.of(), 0, 0, 0, 0,
                0, 0, false);
        ShardManifest m = new ShardManifest(2, 3, "ab12", "both", null, 200_000_000L, 1,
                List.of(new Index.Broken("\uFFFD.scn", "cannot be used")),
                List.of(new ShardManifest.Item(1, new Index.Entry(odd, "n", new Texts(null, "标题"), "a%20b.html",
                                List.of(base, variant)), null, List.of("a b.trace.txt", "a b.html")),
                        new ShardManifest.Item(4, null, new Index.Broken(odd, "line 1\nline 2 \"q\""), List.of())));
        String json = m.toJson();
        ShardManifest back = ShardManifest.parse(json);
        assertEquals(json, back.toJson(), "the same bytes again");
        assertEquals(odd, back.items().get(0).entry().file());
        assertNull(back.items().get(0).entry().title().en());
        assertEquals("标题", back.items().get(0).entry().title().zh());
        assertEquals(List.of(true, false), back.items().get(0).entry().runs().stream().map(Report.Run::completed).toList());
        assertTrue(json.startsWith("{\n  \"format\": \"scn-shard/1\","), "what OutputOwnership recognises");
    }

    @Test
    @DisplayName("a damaged manifest is an error in words, never a crash")
    void damaged() {
        for (String text : List.of("", "{", "[]", "{\"format\": \"other/1\"}", "{\"format\": \"scn-shard/1\"}",
                "{\"format\": \"scn-shard/1\", \"shard\": 1, \"of\": 0}", "{\"a\": -}", "{\"a\": \"\\x\"}",
                "{\"a\": 1} x", "nul")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardManifest.parse(text),
                    text);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), text);
        }
    }

    @Test
    @DisplayName("shard of position: (i mod N) + 1; K/N parsed, 1-based")
    void ownership() {
        ShardSpec two = ShardSpec.parse("2/3");
        // positions 0..6 go to shards 1,2,3,1,2,3,1: shard 2 owns 1 and 4
        assertEquals(List.of(1, 4), java.util.stream.IntStream.range(0, 7).filter(two::owns).boxed().toList());
        assertEquals("scn-shard-2-of-3.json", two.manifestName());
        assertTrue(ShardSpec.parse(" 1/1 ").owns(0));
    }
}
