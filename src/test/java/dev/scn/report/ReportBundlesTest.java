package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zh and en bundles: same keys, no empty text, same placeholders; a missing key fails loudly. */
class ReportBundlesTest {
    private final Messages zh = Messages.load(Lang.ZH);
    private final Messages en = Messages.load(Lang.EN);

    @Test
    @DisplayName("both bundles have the same keys, none empty, with the same placeholders")
    void bundlesMatch() {
        assertEquals(en.keys(), zh.keys(), "keys differ between messages_en and messages_zh");
        for (String key : en.keys()) {
            assertFalse(en.raw(key).isBlank(), "empty in en: " + key);
            assertFalse(zh.raw(key).isBlank(), "empty in zh: " + key);
            assertEquals(en.placeholders(key), zh.placeholders(key), "placeholders differ: " + key);
        }
    }

    @Test
    @DisplayName("every literal key the templates use is in the bundles")
    void templatesUseExistingKeys() throws IOException {
        Pattern literal = Pattern.compile("msg\\(\"([A-Za-z0-9.]+)\"[,)]");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path f : files.toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertTrue(used.size() > 40, used.toString());
        for (String key : used) {
            assertTrue(en.keys().contains(key), "template key missing from the bundles: " + key);
        }
    }

    @Test
    @DisplayName("a missing key is an error, in Java and in a template: never the key or the other language shown")
    void missingKeyFailsLoudly() {
        assertThrows(Messages.MissingMessageException.class, () -> en.text("no.such.key"));
        ReportRenderer renderer = new ReportRenderer();
        Messages.MissingMessageException e = assertThrows(Messages.MissingMessageException.class,
                () -> renderer.render("test-missing-key.ftlh", Map.of("msg", ReportRenderer.msg(zh))));
        assertTrue(e.getMessage().contains("no.such.key.anywhere") && e.getMessage().contains("zh bundle"),
                e.getMessage());
    }

    /*
     * KeyFigures labels a row "key.expect." + mode and the expectations table "mode." + mode, for
     * every mode a result can carry (ExpectationChecker: the Expectation.Mode name in lower case).
     * Failed at 546855a: "key.expect.when" was missing, so a report with `leaves S at T` stopped.
     */
    @Test
    @DisplayName("every expectation mode has its key-figures label and its table label in both bundles")
    void everyExpectationModeWorded() {
        for (dev.scn.model.Expectation.Mode mode : dev.scn.model.Expectation.Mode.values()) {
            String name = mode.name().toLowerCase(java.util.Locale.ROOT);
            for (Messages m : java.util.List.of(en, zh)) {
                assertTrue(m.keys().contains("key.expect." + name), "key.expect." + name);
                assertTrue(m.keys().contains("mode." + name), "mode." + name);
            }
        }
    }

    @Test
    @DisplayName("arguments are inserted as given: no grouping, no quoting rules")
    void argumentsAsGiven() {
        assertEquals("× 606, every ≈ 285 s", en.text("seq.fold", "606", "285"));
        assertEquals("× 606，每 ≈ 285 秒", zh.text("seq.fold", "606", "285"));
    }
}
