package dev.scn.cli;

import dev.scn.report.Index;
import dev.scn.report.Lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collects, during {@code scn report --shard K/N}, what the shard's manifest says ({@link ShardManifest}). */
final class ShardRecorder {
    private final ShardSpec shard;
    private final String lang;
    private final String variant;
    private final long maxEvents;
    private final List<Index.Broken> arguments;
    private final String batch;
    private final List<ShardManifest.Item> items = new ArrayList<>();

    /**
     * @param arguments  the arguments that named no usable path, when this shard reports them
     * @param batchFiles {@link #batchItems}: the whole batch, as every shard of it sees it
     */
    ShardRecorder(ShardSpec shard, List<Lang> langs, String variant, long maxEvents, List<Index.Broken> arguments,
                  List<String> batchFiles) {
        this.shard = shard;
        this.lang = langs.size() > 1 ? "both" : langs.get(0).code();
        this.variant = variant;
        this.maxEvents = maxEvents;
        this.arguments = List.copyOf(arguments);
        List<String> identity = new ArrayList<>(List.of(ShardManifest.FORMAT, "of " + shard.n(), "lang " + lang,
                "variant " + variant, "max-events " + maxEvents));
        identity.addAll(batchFiles);
        this.batch = ShardManifest.batch(identity);
    }

    /**
     * One line per argument that named no usable path and per scenario file of the batch: the file
     * as the pages show it and the SHA-256 of its bytes, so that shards that read different files,
     * or the same files from -o folders placed differently (the pages would differ), disagree.
     */
    static List<String> batchItems(List<Path> files, List<Index.Broken> arguments, Function<Path, String> shown) {
        List<String> lines = new ArrayList<>();
        for (Index.Broken b : arguments) {
            lines.add("argument " + b.file());
        }
        for (Path file : files) {
            String content;
            try {
                content = ReportNames.sha256(Files.readAllBytes(file));
            } catch (IOException | OutOfMemoryError e) {
                content = "unreadable";
            }
            lines.add("file " + shown.apply(file) + " " + content);
        }
        return lines;
    }

    /**
     * Removes this shard's manifest from {@code dir} before any report is written; returns why it
     * may not be removed (a file of that name scn did not write, without --force), else null.
     */
    String removeOldManifest(Path dir, boolean force) {
        Path old = dir.resolve(shard.manifestName());
        if (!force && !OutputOwnership.mayReplace(old)) {
            return old + " exists and was not written by scn; move it away or use --force";
        }
        try {
            Files.deleteIfExists(old);
            return null;
        } catch (IOException e) {
            return old + ": cannot be removed: " + SafeFiles.reason(e);
        }
    }

    /** What the scenario file at {@code at} gave: an index row or an error (or nothing), and the files written. */
    void add(int at, List<Index.Entry> entries, List<Index.Broken> broken, List<String> files) {
        for (Index.Entry entry : entries) {
            items.add(new ShardManifest.Item(at, entry, null, List.copyOf(files)));
        }
        for (Index.Broken b : broken) {
            items.add(new ShardManifest.Item(at, null, b, List.copyOf(files)));
        }
    }

    ShardManifest manifest(int exit) {
        return new ShardManifest(shard.k(), shard.n(), batch, lang, variant, maxEvents, exit, arguments,
                List.copyOf(items));
    }
}
