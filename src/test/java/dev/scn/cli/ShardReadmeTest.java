package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's sharding examples (Reports, "A batch over several machines") run as written: the
 * GitHub Actions matrix and the Kubernetes indexed Job, each on its own simulated machines, give
 * the same files as one unsharded report.
 */
class ShardReadmeTest {
    private static String section() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### A batch over several machines");
        int end = readme.indexOf("## Command line", start);
        assertTrue(start >= 0 && end > start, "the README's sharding section");
        return readme.substring(start, end);
    }

    /** The yaml blocks of the section, in order. */
    private static List<String> yamlBlocks(String section) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertEquals(2, blocks.size(), "a GitHub Actions workflow and a Kubernetes Job");
        return blocks;
    }

    /** A small batch: two files named x (x.html, x-2.html across shards) and a broken one. */
    private static void scenarios(Path dir) throws IOException {
        String failing = Files.readString(ShardReportTest.FAILING);
        ShardReportTest.write(dir.resolve("a/x.scn"), failing);
        ShardReportTest.write(dir.resolve("b/broken.scn"), "scenario broken {\n");
        ShardReportTest.write(dir.resolve("b/x.scn"), failing);
    }

    /**
     * The arguments of a {@code ./scn …} command line: paths made absolute against {@code cwd}, an
     * absolute one moved under {@code root} (the simulated machine's file system).
     */
    private static String[] args(String line, Path root, Path cwd) {
        String command = line.strip();
        assertTrue(command.startsWith("./scn report"), command);
        List<String> tokens = new ArrayList<>(Arrays.asList(command.substring("./scn ".length()).split("\\s+")));
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean value = !t.startsWith("-") && !tokens.get(i - 1).equals("--shard");
            if (value) {
                tokens.set(i, (t.startsWith("/") ? root.resolve(t.substring(1)) : cwd.resolve(t)).toString());
            }
        }
        return tokens.toArray(String[]::new);
    }

    private static String runLine(String yaml, String containing) {
        return yaml.lines().map(String::strip).filter(l -> l.startsWith("- run: ./scn report") && l.contains(containing))
                .map(l -> l.substring("- run: ".length())).findFirst().orElseThrow(() -> new AssertionError(
                        "no '- run: ./scn report …" + containing + "' line in " + yaml));
    }

    /** Copies what {@code actions/upload-artifact@v4} keeps of a folder: its hidden files are left out. */
    private static void artifact(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    @DisplayName("README: the GitHub Actions matrix gives, after the merge job, the files of one unsharded report")
    void githubActionsMatrix(@TempDir Path dir) throws IOException {
        String yaml = yamlBlocks(section()).get(0);
        assertTrue(yaml.contains("shard: [1, 2, 3]"), yaml);
        assertTrue(yaml.contains("name: reports-${{ matrix.shard }}") && yaml.contains("path: reports/")
                && yaml.contains("path: shards"), "artifacts reports-K downloaded under shards/: " + yaml);
        String shardLine = runLine(yaml, "--shard");
        String mergeLine = runLine(yaml, "--merge");

        Path index = dir.resolve("index-job");
        for (int k = 1; k <= 3; k++) {
            Path checkout = dir.resolve("job-" + k);
            scenarios(checkout.resolve("scenarios"));
            String[] args = args(shardLine.replace("${{ matrix.shard }}", String.valueOf(k)), checkout, checkout);
            int code = CliTest.scn(args).code();
            assertTrue(code == 1 || code == 2, "expectations fail by design, b/broken.scn is shard 2's: " + code);
            assertTrue(Files.exists(checkout.resolve("junit-" + k + ".xml")), "each shard its own junit");
            artifact(checkout.resolve("reports"), index.resolve("shards/reports-" + k));
        }
        CliTest.Outcome merged = CliTest.scn(args(mergeLine, index, index));
        assertEquals(2, merged.code(), merged.err());

        Path whole = dir.resolve("whole");
        scenarios(whole.resolve("scenarios"));
        CliTest.Outcome unsharded = CliTest.scn("report", whole.resolve("scenarios").toString(), "-o",
                whole.resolve("reports").toString());
        assertEquals(merged.code(), unsharded.code());
        ShardReportTest.assertSameTree(ShardReportTest.tree(whole.resolve("reports")),
                ShardReportTest.tree(index.resolve("reports")));
    }

    @Test
    @DisplayName("README: the Kubernetes indexed Job (JOB_COMPLETION_INDEX from 0) and its merge give one unsharded report's files")
    void kubernetesIndexedJob(@TempDir Path dir) throws Exception {
        String section = section();
        String yaml = yamlBlocks(section).get(1);
        assertTrue(yaml.contains("completionMode: Indexed") && yaml.contains("completions: 3"), yaml);
        Matcher command = Pattern.compile("command: \\[\"sh\", \"-c\", \"(.*)\"\\]").matcher(yaml);
        assertTrue(command.find(), yaml);
        Matcher workingDir = Pattern.compile("workingDir: (/\\S+)").matcher(yaml);
        assertTrue(workingDir.find(), yaml);
        Path root = dir.resolve("volume");
        Path cwd = root.resolve(workingDir.group(1).substring(1));
        scenarios(cwd.resolve("scenarios"));

        for (int index = 0; index <= 2; index++) {
            // The shell expands the script as the pod's would; "./scn" replaced by echo prints the command.
            String script = command.group(1).replace("./scn ", "echo ./scn ");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", script);
            pb.environment().put("JOB_COMPLETION_INDEX", String.valueOf(index));
            Process p = pb.start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor(), script);
            assertTrue(line.contains("--shard " + (index + 1) + "/3"), "K = index + 1: " + line);
            int code = CliTest.scn(args(line, root, cwd)).code();
            assertTrue(code == 1 || code == 2, line + ": " + code);
        }
        String mergeLine = section.lines().map(String::strip).filter(l -> l.startsWith("./scn report --merge /out"))
                .findFirst().orElseThrow();
        CliTest.Outcome merged = CliTest.scn(args(mergeLine, root, cwd));
        assertEquals(2, merged.code(), merged.err());

        Path unshardedOut = root.resolve("elsewhere/reports");
        CliTest.Outcome unsharded = CliTest.scn("report", cwd.resolve("scenarios").toString(), "-o",
                unshardedOut.toString());
        assertEquals(merged.code(), unsharded.code());
        ShardReportTest.assertSameTree(ShardReportTest.tree(unshardedOut),
                ShardReportTest.tree(root.resolve("out/reports")));
    }
}
