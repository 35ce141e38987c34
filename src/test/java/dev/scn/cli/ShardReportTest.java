package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scn report --shard K/N} and {@code --merge}: shards that together write exactly what one
 * unsharded report writes, byte for byte, and refuse anything that would not.
 */
class ShardReportTest {
    /** A scenario whose second expectation fails by design (exit 1), quick to run. */
    static final Path FAILING = Path.of("src/test/resources/cli/false-expectation.scn");

    /**
     * Eight fetches and a variant: its trace has more than 200 lines (8 fetches of 20 KiB, each
     * some 50 packets), so the report has a NAME.trace.txt sidecar, which the merge must carry too.
     */
    static final String MANY = """
            scenario many {
                title en "Eight fetches" zh "八次请求"
                seed 1
                run 2m
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 20k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 40ms
                at 0s client connect server:80 as c1
                at 1s client connect server:80 as c2
                at 2s client connect server:80 as c3
                at 3s client connect server:80 as c4
                at 4s client connect server:80 as c5
                at 5s client connect server:80 as c6
                at 6s client connect server:80 as c7
                at 7s client connect server:80 as c8
                variant "short msl" {
                    on server sysctl net.inet.tcp.msl=5000
                }
            }
            """;

    /**
     * Seven files; sorted as the report walks them: a/index.scn, a/many.scn, a/x.scn, b/X.scn,
     * b/broken.scn, b/x.scn, c/x.scn. Four share the name x ignoring case, so over the whole list
     * they are x.html (a/x), X-2.html (b/X), x-3.html (b/x), x-4.html (c/x); index.scn is
     * index-2.html; the broken file takes no name.
     * With 3 shards (position mod 3): shard 1 gets positions 0, 3, 6 (a/index, b/X, c/x), shard 2
     * 1 and 4 (a/many, b/broken), shard 3 2 and 5 (a/x, b/x): every shard holds a renamed file,
     * and shard 3's b/x is x-3.html only because shard 1's b/X took X-2.
     */
    static void batch(Path dir) throws IOException {
        String failing = Files.readString(FAILING);
        write(dir.resolve("a/index.scn"), failing);
        write(dir.resolve("a/many.scn"), MANY);
        write(dir.resolve("a/x.scn"), failing);
        write(dir.resolve("b/X.scn"), failing);
        write(dir.resolve("b/broken.scn"), "scenario broken {\n");
        write(dir.resolve("b/x.scn"), failing);
        write(dir.resolve("c/x.scn"), failing);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every regular file under {@code dir} by its relative path, with its bytes. */
    static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same files");
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name + ": the same bytes");
        }
    }

    static Map<String, byte[]> withoutManifests(Map<String, byte[]> tree) {
        Map<String, byte[]> kept = new TreeMap<>(tree);
        kept.keySet().removeIf(n -> n.startsWith("scn-shard-"));
        return kept;
    }

    static CliTest.Outcome scn(String... args) {
        return CliTest.scn(args);
    }

    @Test
    @DisplayName("3 shards merged = the unsharded report, every file byte for byte, names de-duplicated over the whole list, same exit code")
    void threeShardsMergedEqualUnsharded(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        batch(in);
        CliTest.Outcome whole = scn("report", in.toString(), "-o", dir.resolve("whole").toString(), "--lang", "en");
        assertEquals(2, whole.code(), "the broken file: " + whole.err());
        Map<String, byte[]> expected = tree(dir.resolve("whole"));
        assertEquals(Set.of(".scn.lock", "index.html", "index-2.html", "many.html", "many.trace.txt", "x.html",
                "X-2.html", "x-3.html", "x-4.html"), expected.keySet(), "the names the README's rule gives");

        // Each shard in a folder of its own, at the same depth as "whole" (the pages show ../in/...).
        int[] codes = new int[3];
        Set<String> union = new TreeSet<>();
        for (int k = 1; k <= 3; k++) {
            Path out = dir.resolve("s" + k);
            CliTest.Outcome o = scn("report", in.toString(), "-o", out.toString(), "--lang", "en", "--shard", k + "/3");
            codes[k - 1] = o.code();
            assertFalse(Files.exists(out.resolve("index.html")), "a shard writes no index");
            Set<String> own = new TreeSet<>(tree(out).keySet());
            own.removeAll(Set.of(".scn.lock", "scn-shard-" + k + "-of-3.json"));
            for (String name : own) {
                assertTrue(union.add(name), name + " written by two shards");
                assertArrayEquals(expected.get(name), tree(out).get(name), name + " as the unsharded run wrote it");
            }
        }
        assertEquals(Set.of("index-2.html", "X-2.html", "x-4.html"), new TreeSet<>(tree(dir.resolve("s1")).keySet()
                .stream().filter(n -> !n.startsWith(".") && !n.startsWith("scn-shard")).toList()),
                "shard 1: positions 0, 3, 6");
        assertEquals(2, codes[1], "shard 2 holds the broken file");
        assertEquals(1, codes[0], "shard 1: only false-expectation copies, which fail by design");
        Set<String> pages = new TreeSet<>(expected.keySet());
        pages.removeAll(Set.of(".scn.lock", "index.html"));
        assertEquals(pages, union, "the union of the shards is the unsharded set");

        CliTest.Outcome merged = scn("report", "--merge", dir.resolve("s1").toString(), dir.resolve("s2").toString(),
                dir.resolve("s3").toString(), "-o", dir.resolve("merged").toString());
        assertEquals(whole.code(), merged.code(), merged.err());
        assertSameTree(expected, tree(dir.resolve("merged")));
        assertTrue(merged.out().contains("6 report(s), 1 file(s) could not be used"), merged.out());

        // All shards one after another into one folder, merged in place: the same files, and the manifests.
        Path shared = dir.resolve("shared");
        for (int k = 3; k >= 1; k--) {
            scn("report", in.toString(), "-o", shared.toString(), "--lang", "en", "--shard", k + "/3");
        }
        for (int k = 1; k <= 3; k++) {
            String manifest = "scn-shard-" + k + "-of-3.json";
            assertArrayEquals(Files.readAllBytes(dir.resolve("s" + k).resolve(manifest)),
                    Files.readAllBytes(shared.resolve(manifest)), "same input, same manifest bytes");
        }
        CliTest.Outcome inPlace = scn("report", "--merge", shared.toString(), "-o", shared.toString());
        assertEquals(whole.code(), inPlace.code(), inPlace.err());
        assertSameTree(expected, withoutManifests(tree(shared)));
    }

    @Test
    @DisplayName("no broken file: the merge exits 1 when an expectation failed in one shard only, as the unsharded run")
    void mergedExitCodeIsTheUnshardedOne(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        String failing = Files.readString(FAILING);
        write(in.resolve("a.scn"), failing);
        // Without ipfw the server's FIN_WAIT_2 is gone by 20 min (the file's own comment): expecting 0 there holds.
        String holding = failing.replace("at 20m  expect server netstat FIN_WAIT_2 == 1",
                "at 20m  expect server netstat FIN_WAIT_2 == 0");
        assertFalse(holding.equals(failing));
        write(in.resolve("b/a.scn"), holding);
        CliTest.Outcome whole = scn("report", in.toString(), "-o", dir.resolve("whole").toString(), "--lang", "zh");
        assertEquals(1, whole.code(), whole.err());
        assertEquals(1, scn("report", in.toString(), "-o", dir.resolve("s1").toString(), "--lang", "zh",
                "--shard", "1/2").code(), "in/a.scn fails");
        assertEquals(0, scn("report", in.toString(), "-o", dir.resolve("s2").toString(), "--lang", "zh",
                "--shard", "2/2").code(), "in/b/a.scn holds");
        CliTest.Outcome merged = scn("report", "--merge", dir.resolve("s2").toString(), dir.resolve("s1").toString(),
                "-o", dir.resolve("merged").toString());
        assertEquals(1, merged.code(), merged.err());
        assertSameTree(tree(dir.resolve("whole")), tree(dir.resolve("merged")));
        assertTrue(Files.exists(dir.resolve("merged/a-2.html")), "b/a.scn, second of its name, in shard 2");
    }

    @Test
    @DisplayName("--shard: malformed K/N, K < 1, K > N, N < 1 are exit 2 with a message, and nothing is created")
    void badShardSpecs(@TempDir Path dir) {
        for (String bad : List.of("4/3", "0/3", "2-3", "3", "a/b", "1/0", "", "1/3/5", "-1/3")) {
            Path out = dir.resolve("out");
            CliTest.Outcome o = scn("report", FAILING.toString(), "-o", out.toString(), "--shard", bad);
            assertEquals(2, o.code(), bad + ": " + o.err());
            assertTrue(o.err().contains("--shard"), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            assertFalse(Files.exists(out), bad + ": nothing written");
        }
        assertTrue(scn("report", FAILING.toString(), "-o", dir.resolve("o").toString(), "--shard", "4/3").err()
                .contains("K must be from 1 to N"));
        assertTrue(scn("report", FAILING.toString(), "-o", dir.resolve("o").toString(), "--shard", "0/3").err()
                .contains("JOB_COMPLETION_INDEX is 0-based"));
        assertTrue(scn("report", FAILING.toString(), "-o", dir.resolve("o").toString(), "--shard", "2-3").err()
                .contains("expected K/N"));
    }

    /** Two files, three ways of sharding them, each shard quick (the broken files are not run). */
    static Path smallBatch(Path dir) throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("a.scn"), "scenario a {\n");
        write(in.resolve("b.scn"), "scenario b {\n");
        return in;
    }

    static CliTest.Outcome shard(Path in, Path out, String spec, String... more) {
        String[] args = Stream.concat(Stream.of("report", in.toString(), "-o", out.toString(), "--shard", spec),
                Arrays.stream(more)).toArray(String[]::new);
        return scn(args);
    }

    static CliTest.Outcome merge(Path out, Path... dirs) {
        String[] args = Stream.concat(Stream.concat(Stream.of("report", "--merge"),
                Arrays.stream(dirs).map(Path::toString)), Stream.of("-o", out.toString())).toArray(String[]::new);
        return scn(args);
    }

    static void assertRefused(CliTest.Outcome o, String message, Path out) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(message), "expected '" + message + "' in: " + o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out.resolve("index.html")), "no index written");
    }

    @Test
    @DisplayName("--merge refuses a folder without manifest, a missing shard, the same shard twice, other batches and options")
    void mergeRefusesBadShards(@TempDir Path dir) throws IOException {
        Path in = smallBatch(dir);
        assertEquals(2, shard(in, dir.resolve("s1"), "1/2").code());
        assertEquals(2, shard(in, dir.resolve("s2"), "2/2").code());
        Path out = dir.resolve("out");
        Files.createDirectories(dir.resolve("empty"));

        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("empty")), "no shard manifest", out);
        assertFalse(Files.exists(out), "OUT not even created");
        assertRefused(merge(out, dir.resolve("s1")), "shard(s) 2/2 missing", out);
        assertRefused(merge(out, dir.resolve("nowhere")), "not a folder", out);
        assertRefused(merge(out, in.resolve("a.scn")), "not a folder", out);
        assertFalse(Files.exists(out), "OUT not even created");

        // The same shard twice (a copy of shard 1's folder): overlapping shards.
        Path copy = dir.resolve("s1-copy");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("s1/scn-shard-1-of-2.json"), copy.resolve("scn-shard-1-of-2.json"));
        assertRefused(merge(out, dir.resolve("s1"), copy, dir.resolve("s2")), "shard 1/2 found twice", out);

        // Another number of shards, another --lang, another batch (other files), another --variant.
        assertEquals(2, shard(in, dir.resolve("t3"), "2/3").code());
        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("t3")), "the number of shards N differs", out);
        assertEquals(2, shard(in, dir.resolve("en"), "2/2", "--lang", "en").code());
        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("en")), "--lang differs", out);
        assertEquals(2, shard(in, dir.resolve("v"), "2/2", "--variant", "fix").code());
        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("v")), "--variant differs", out);
        Path other = dir.resolve("other");
        write(other.resolve("a.scn"), "scenario a {\n");
        write(other.resolve("c.scn"), "scenario c {\n");
        assertEquals(2, shard(other, dir.resolve("o2"), "2/2").code());
        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("o2")), "shards of different batches", out);

        // --merge decides no option of the reports.
        for (String option : List.of("--lang=en", "--variant=fix", "--max-events=5", "--shard=1/2")) {
            CliTest.Outcome o = scn("report", "--merge", dir.resolve("s1").toString(), dir.resolve("s2").toString(),
                    "-o", out.toString(), option);
            assertRefused(o, "--merge takes no " + option.substring(0, option.indexOf('=')), out);
        }
        assertRefused(scn("report", "--merge", dir.resolve("s1").toString(), dir.resolve("s2").toString(), "-o",
                out.toString(), "--junit", dir.resolve("j.xml").toString()), "--merge takes no --junit", out);

        // A damaged manifest.
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("scn-shard-2-of-2.json"), "{\n  \"format\": \"scn-shard/1\",\n  \"shard\": 2\n");
        assertRefused(merge(out, dir.resolve("s1"), bad), "not a shard manifest scn can read", out);

        assertFalse(Files.exists(out), "none of these created OUT");
        CliTest.Outcome ok = merge(out, dir.resolve("s1"), dir.resolve("s2"));
        assertEquals(2, ok.code(), "both files broken: exit 2 as unsharded; " + ok.err());
        assertTrue(Files.readString(out.resolve("index.html")).contains("a.scn"));
    }

    @Test
    @DisplayName("--merge: a page listed but missing, a stranger's file in OUT, a folder locked by a report: exit 2, OUT untouched")
    void mergeChecksFilesAndLocks(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        write(in.resolve("a.scn"), Files.readString(FAILING));
        write(in.resolve("b.scn"), "scenario b {\n");
        assertEquals(1, shard(in, dir.resolve("s1"), "1/2", "--lang", "en").code());
        assertEquals(2, shard(in, dir.resolve("s2"), "2/2", "--lang", "en").code());
        Path out = dir.resolve("out");

        // A stranger's a.html in OUT: nothing is copied, no index written.
        write(out.resolve("a.html"), "<p>mine</p>");
        assertRefused(merge(out, dir.resolve("s1"), dir.resolve("s2")), "was not written by scn", out);
        assertEquals("<p>mine</p>", Files.readString(out.resolve("a.html")));
        Files.delete(out.resolve("a.html"));

        // A shard folder or OUT in use by a report: refused.
        try (dev.scn.io.FolderLock held = dev.scn.io.FolderLock.tryLock(dir.resolve("s2"))) {
            assertRefused(merge(out, dir.resolve("s1"), dir.resolve("s2")), "is in use by another 'scn report'", out);
        }
        try (dev.scn.io.FolderLock held = dev.scn.io.FolderLock.tryLock(out)) {
            assertRefused(merge(out, dir.resolve("s1"), dir.resolve("s2")), "is in use by another 'scn report'", out);
        }

        // A page the manifest lists, gone: refused before OUT is created.
        Path gone = dir.resolve("gone");
        Files.delete(out.resolve(dev.scn.io.FolderLock.FILE_NAME));
        Files.delete(out);
        Files.move(dir.resolve("s1"), gone);
        Files.delete(gone.resolve("a.html"));
        assertRefused(merge(out, gone, dir.resolve("s2")), "a.html: listed in scn-shard-1-of-2.json but missing", out);
        assertFalse(Files.exists(out), "OUT not created");
    }

    @Test
    @DisplayName("a shard removes its old manifest before reporting: an interrupted or failed shard leaves none")
    void oldManifestGoesFirst(@TempDir Path dir) throws IOException {
        Path in = smallBatch(dir);
        Path out = dir.resolve("s1");
        shard(in, out, "1/2");
        Path manifest = out.resolve("scn-shard-1-of-2.json");
        assertTrue(Files.exists(manifest));
        assertTrue(OutputOwnership.mayReplace(manifest), "scn's own manifest");
        // A stranger's file under the manifest's name is not removed without --force.
        Files.writeString(manifest, "{\"mine\": true}\n");
        CliTest.Outcome o = shard(in, out, "1/2");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("was not written by scn"), o.err());
        assertEquals("{\"mine\": true}\n", Files.readString(manifest));
    }

    @Test
    @DisplayName("--junit with --shard: each shard's file holds its own scenarios' cases")
    void junitPerShard(@TempDir Path dir) throws IOException {
        Path in = smallBatch(dir);
        for (int k = 1; k <= 2; k++) {
            shard(in, dir.resolve("s" + k), k + "/2", "--junit", dir.resolve("junit-" + k + ".xml").toString());
        }
        String one = Files.readString(dir.resolve("junit-1.xml"));
        String two = Files.readString(dir.resolve("junit-2.xml"));
        assertTrue(one.contains("a.scn") && !one.contains("b.scn"), one);
        assertTrue(two.contains("b.scn") && !two.contains("a.scn"), two);
    }
}
