package dev.scn.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports between scn's packages flow one way: no package reaches itself through others. Read
 * from the sources' import lines and fully qualified names (what jdeps would find in the classes).
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.scn[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.scn(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies(Path.of("src", "main", "java"));
        assertTrue(uses.containsKey("dev.scn.engine.kernel") && uses.containsKey("dev.scn.engine.flow"), uses::toString);
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (reaches(uses, start, start, new TreeSet<>())) {
                cycles.add(start);
            }
        }
        assertEquals(List.of(), cycles, "packages that reach themselves through their imports");
    }

    @Test
    void theEngineLeavesDependOnNothingAbove() throws IOException {
        Map<String, Set<String>> uses = dependencies(Path.of("src", "main", "java"));
        assertEquals(Set.of(), uses.getOrDefault("dev.scn.engine.flow", Set.of()));
        // The kernel stamps events with the causal trace, whose records are typed facts (a leaf).
        assertEquals(Set.of("dev.scn.engine.trace", "dev.scn.fact"), uses.get("dev.scn.engine.kernel"));
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Set<String> packages = new TreeSet<>();
        for (Path file : files) {
            Matcher m = PACKAGE.matcher(Files.readString(file));
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = PACKAGE.matcher(text);
            if (!m.find()) {
                continue;
            }
            String own = m.group(1);
            Set<String> out = uses.computeIfAbsent(own, k -> new TreeSet<>());
            String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                    .replaceAll("\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"");
            Matcher r = REFERENCE.matcher(code);
            while (r.find()) {
                String used = r.group(1);
                if (packages.contains(used) && !used.equals(own)) {
                    out.add(used);
                }
            }
        }
        return uses;
    }
}
