package dev.scn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells files scn wrote from files someone else put in an output folder, so a report run never
 * replaces a stranger's file without --force: scn's HTML carries
 * {@code <meta name="generator" content="scn">} near its top, its trace sidecars a first line
 * ending "tcpdump -n style", its shard manifests ({@code scn-shard-K-of-N.json}) their format
 * on the second line.
 */
final class OutputOwnership {
    private static final int HEAD = 2048;

    private OutputOwnership() {
    }

    /** True when the file does not exist yet or scn wrote it. */
    static boolean mayReplace(Path file) {
        if (!Files.exists(file)) {
            return true;
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return head.contains("<meta name=\"generator\" content=\"scn\">");
        }
        if (name.endsWith(".trace.txt")) {
            int end = head.indexOf('\n');
            String first = end < 0 ? head : head.substring(0, end);
            return first.startsWith("# ") && first.endsWith("tcpdump -n style");
        }
        if (ShardManifest.shardOfName(name) != null) {
            return head.startsWith("{\n  \"format\": \"" + ShardManifest.FORMAT + "\",");
        }
        return false;
    }
}
