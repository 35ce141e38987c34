package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 10,000 seeded random mutations of the repository's scenarios (token deletion, duplication,
 * swap, random bytes): each one is checked, and run with a small event budget when it is still
 * valid; every outcome must be exit 0, 1 or 2 with no internal error and no stack trace.
 */
class MutationFuzzTest {
    private static final int MUTATIONS = 10_000;

    @Test
    @DisplayName("10,000 mutated scenarios end with exit 0, 1 or 2 and never an internal error")
    void mutationsNeverCrash(@TempDir Path dir) throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("scenarios")),
                Stream.of(Path.of("src/test/resources/scenarios/readme-constructs.scn")))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".scn")).sorted().toList()) {
                seeds.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        SplittableRandom random = new SplittableRandom(20051124);
        Path file = dir.resolve("mutant.scn");
        int ran = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            Files.write(file, mutant);
            CliTest.Outcome check = CliTest.scn("check", file.toString());
            verdict(i, mutant, check, "check");
            if (check.code() == 0 && random.nextInt(4) == 0) {
                CliTest.Outcome run = CliTest.scn("run", file.toString(), "--max-events", "3000");
                verdict(i, mutant, run, "run");
                ran++;
            }
        }
        assertTrue(ran > 50, "some mutants stayed valid and ran: " + ran);
    }

    private static void verdict(int i, byte[] mutant, CliTest.Outcome o, String command) {
        boolean crashed = o.err().contains("internal error") || o.err().contains("Exception") || o.err().contains("\tat ");
        if (crashed || o.code() < 0 || o.code() > 2) {
            fail("mutation " + i + " (" + command + ") ended with " + o.code() + ":\n" + o.err()
                    + "\n--- mutant ---\n" + new String(mutant, StandardCharsets.UTF_8));
        }
        assertFalse(o.err().contains("line 1:") && o.err().contains("token recognition error"),
                "ANTLR's console messages never leak");
    }

    /** Mutates at the level of whitespace-separated tokens; random bytes stay raw bytes (maybe invalid UTF-8). */
    static byte[] mutate(String source, SplittableRandom random) {
        List<byte[]> tokens = new ArrayList<>();
        for (String t : source.split("(?<=\\s)|(?=\\s)")) {
            tokens.add(t.getBytes(StandardCharsets.UTF_8));
        }
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !tokens.isEmpty(); e++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(5)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(at));
                case 2 -> {
                    int other = random.nextInt(tokens.size());
                    byte[] t = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                }
                case 3 -> tokens.set(at, (random.nextInt(Integer.MAX_VALUE) + (random.nextBoolean() ? "s" : ""))
                        .getBytes(StandardCharsets.UTF_8));
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(4)];
                    random.nextBytes(noise);
                    tokens.add(at, noise);
                }
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] t : tokens) {
            out.writeBytes(t);
        }
        return out.toByteArray();
    }
}
