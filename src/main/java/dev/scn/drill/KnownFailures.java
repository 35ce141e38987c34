package dev.scn.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripts known to fail on a profile, each with its one-line reason: {@code PATH  reason},
 * paths relative to the corpus folder, {@code #} comments. A run compares with it: a script
 * that fails and is not listed is a regression; a listed script that passes should leave the list.
 */
public final class KnownFailures {
    private final Map<String, String> reasons;

    private KnownFailures(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    public static KnownFailures read(Path file) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            reasons.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return new KnownFailures(reasons);
    }

    public boolean contains(String script) {
        return reasons.containsKey(script);
    }

    public String reason(String script) {
        return reasons.get(script);
    }

    public int size() {
        return reasons.size();
    }

    /**
     * What a run says about the list.
     *
     * @param newFailures scripts that failed and are not listed
     * @param nowPassing  listed scripts that passed
     * @param missing     listed scripts the run did not include
     */
    public record Comparison(List<String> newFailures, List<String> nowPassing, List<String> missing) {
        public boolean regressed() {
            return !newFailures.isEmpty();
        }
    }

    /** Compares verdicts keyed by their path relative to {@code corpus}. */
    public Comparison compare(Path corpus, List<DrillVerdict> verdicts) {
        List<String> newFailures = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DrillVerdict v : verdicts) {
            String key = key(corpus, v.file());
            seen.add(key);
            if (!v.passed() && !contains(key)) {
                newFailures.add(key);
            } else if (v.passed() && contains(key)) {
                nowPassing.add(key);
            }
        }
        List<String> missing = reasons.keySet().stream().filter(k -> !seen.contains(k)).toList();
        return new Comparison(newFailures, nowPassing, missing);
    }

    /** A script's key: its path under the corpus, with forward slashes. */
    public static String key(Path corpus, Path script) {
        Path relative = script.startsWith(corpus) ? corpus.relativize(script) : script;
        return relative.toString().replace('\\', '/');
    }
}
