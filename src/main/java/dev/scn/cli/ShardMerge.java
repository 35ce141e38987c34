package dev.scn.cli;

import dev.scn.io.FolderLock;
import dev.scn.report.Index;
import dev.scn.report.Lang;
import dev.scn.report.ReportRenderer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code scn report --merge DIR… -o OUT}: reads the manifests the shards of one batch left, copies
 * their pages and traces into OUT (unless they are there already) and writes OUT/index.html, the
 * same bytes as the unsharded {@code scn report} would. Everything is checked before anything is
 * written: a missing, duplicated or foreign shard stops the merge with exit 2 and OUT untouched.
 */
final class ShardMerge {
    /** One shard found: its manifest and the folder it lies in. */
    private record Shard(Path dir, Path file, ShardManifest manifest) {
    }

    /** A bad input, said in words; the merge stops and writes nothing. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final List<String> dirs;
    private final Path output;
    private final boolean force;
    private final PrintWriter out;
    private final PrintWriter err;

    ShardMerge(List<String> dirs, Path output, boolean force, PrintWriter out, PrintWriter err) {
        this.dirs = dirs;
        this.output = output;
        this.force = force;
        this.out = out;
        this.err = err;
    }

    int run() {
        Map<Path, FolderLock> locks = new LinkedHashMap<>();
        try {
            List<Path> inputs = inputs(locks);
            List<Shard> shards = new ArrayList<>();
            for (Path dir : inputs) {
                shards.addAll(manifests(dir));
            }
            List<Shard> ordered = consistent(shards);
            // Every file a manifest lists is there before OUT is even created.
            for (Shard s : ordered) {
                for (ShardManifest.Item item : s.manifest().items()) {
                    for (String name : item.files()) {
                        if (!Files.isRegularFile(s.dir().resolve(name))) {
                            throw new Refused(s.dir().resolve(name) + ": listed in " + s.file().getFileName()
                                    + " but missing; run that shard again");
                        }
                    }
                }
            }
            Path target = lockOutput(locks);
            return publish(ordered, target);
        } catch (Refused e) {
            err.println("scn: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } finally {
            for (FolderLock lock : locks.values()) {
                try {
                    if (lock != null) {
                        lock.close();
                    }
                } catch (IOException ignored) {
                    // the OS releases it when the process ends
                }
            }
        }
    }

    /** The shard folders, each once (by real path), locked so that no shard is still writing into them. */
    private List<Path> inputs(Map<Path, FolderLock> locks) throws Refused {
        List<Path> inputs = new ArrayList<>();
        for (String name : dirs) {
            Path dir = SafeFiles.path(name);
            if (dir == null) {
                throw new Refused(SafeFiles.unrepresentable(name));
            }
            if (!Files.isDirectory(dir)) {
                throw new Refused(name + ": not a folder; --merge takes the folders the shards wrote (-o)");
            }
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                throw new Refused(name + ": cannot be used: " + SafeFiles.reason(e));
            }
            if (!locks.containsKey(real)) {
                lock(real, locks);
                inputs.add(real);
            }
        }
        return inputs;
    }

    /** Locks {@code dir} as a report does; a folder scn cannot write to (read-only artifacts) no report can be writing either. */
    private static void lock(Path dir, Map<Path, FolderLock> locks) throws Refused {
        try {
            FolderLock lock = FolderLock.tryLock(dir);
            if (lock == null) {
                throw new Refused(dir + " is in use by another 'scn report' (it holds " + FolderLock.FILE_NAME
                        + " there); wait for it to finish");
            }
            locks.put(dir, lock);
        } catch (IOException e) {
            locks.put(dir, null);
        }
    }

    private List<Shard> manifests(Path dir) throws Refused {
        List<Path> found;
        try (Stream<Path> list = Files.list(dir)) {
            found = list.filter(p -> ShardManifest.shardOfName(p.getFileName().toString()) != null).sorted().toList();
        } catch (IOException e) {
            throw new Refused(dir + ": cannot be listed: " + SafeFiles.reason(e));
        }
        if (found.isEmpty()) {
            throw new Refused(dir + ": no shard manifest (scn-shard-K-of-N.json) in it; write one with "
                    + "'scn report PATH… -o " + dir.getFileName() + " --shard K/N'");
        }
        List<Shard> shards = new ArrayList<>();
        for (Path file : found) {
            ShardManifest m;
            try {
                m = ShardManifest.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new Refused(file + ": cannot be read: " + SafeFiles.reason(e));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new Refused(file + ": not a shard manifest scn can read: " + e.getMessage());
            }
            int[] named = ShardManifest.shardOfName(file.getFileName().toString());
            if (m.k() != named[0] || m.n() != named[1]) {
                throw new Refused(file + ": says it is shard " + m.k() + "/" + m.n() + ", its name another");
            }
            shards.add(new Shard(dir, file, m));
        }
        return shards;
    }

    /** The shards 1..N of one batch, in order; anything else is refused with the reason. */
    private static List<Shard> consistent(List<Shard> shards) throws Refused {
        Shard first = shards.get(0);
        ShardManifest a = first.manifest();
        TreeMap<Integer, Shard> byK = new TreeMap<>();
        for (Shard s : shards) {
            ShardManifest b = s.manifest();
            differs(first, s, "the number of shards N", String.valueOf(a.n()), String.valueOf(b.n()));
            differs(first, s, "--lang", a.lang(), b.lang());
            differs(first, s, "--variant", String.valueOf(a.variant()), String.valueOf(b.variant()));
            differs(first, s, "--max-events", String.valueOf(a.maxEvents()), String.valueOf(b.maxEvents()));
            if (!a.batch().equals(b.batch())) {
                throw new Refused("shards of different batches: " + first.file() + " and " + s.file()
                        + " list different scenario files (or different contents, or the same files seen from -o "
                        + "folders at different places: the pages show paths relative to -o)");
            }
            Shard twice = byK.put(b.k(), s);
            if (twice != null) {
                throw new Refused("shard " + b.k() + "/" + b.n() + " found twice: " + twice.file() + " and " + s.file());
            }
            for (ShardManifest.Item item : b.items()) {
                if (item.at() < 0 || item.at() % b.n() != b.k() - 1) {
                    throw new Refused(s.file() + ": lists a file of another shard (position " + item.at() + ")");
                }
                for (String name : item.files()) {
                    if (!plainName(name)) {
                        throw new Refused(s.file() + ": lists '" + name + "', not a file name");
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= a.n(); k++) {
            if (!byK.containsKey(k)) {
                missing.add(k + "/" + a.n());
            }
        }
        if (!missing.isEmpty()) {
            throw new Refused("shard(s) " + String.join(", ", missing) + " missing: no scn-shard-K-of-" + a.n()
                    + ".json for them in the folders given (a shard that failed or was interrupted writes none)");
        }
        return List.copyOf(byK.values());
    }

    private static void differs(Shard a, Shard b, String what, String x, String y) throws Refused {
        if (!x.equals(y)) {
            throw new Refused("shards of different batches: " + what + " differs: " + a.file() + " has " + x + ", "
                    + b.file() + " has " + y);
        }
    }

    private static boolean plainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** Locks OUT unless it is one of the shard folders (locked already); returns its real path. */
    private Path lockOutput(Map<Path, FolderLock> locks) throws Refused {
        try {
            Path real = Files.isDirectory(output) ? output.toRealPath() : null;
            if (real != null && locks.containsKey(real)) {
                return real;
            }
            FolderLock lock = FolderLock.tryLock(output);
            if (lock == null) {
                throw new Refused(output + " is in use by another 'scn report' (it holds " + FolderLock.FILE_NAME
                        + " there); wait for it to finish or choose another folder");
            }
            real = output.toRealPath();
            locks.put(real, lock);
            return real;
        } catch (IOException e) {
            throw new Refused(output + ": cannot be used as the output folder: " + SafeFiles.reason(e));
        }
    }

    /** Checks every file, then copies the pages and traces and writes the index last. */
    private int publish(List<Shard> shards, Path target) throws Refused {
        SafeFiles.sweepLeftovers(target);
        List<Copy> copies = new ArrayList<>();
        List<ShardManifest.Item> items = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (Shard s : shards) {
            worst = Math.max(worst, s.manifest().exit());
            for (ShardManifest.Item item : s.manifest().items()) {
                items.add(item);
                for (String name : item.files()) {
                    copies.add(new Copy(s.dir().resolve(name), target.resolve(name), !s.dir().equals(target)));
                }
            }
        }
        Path index = target.resolve("index.html");
        for (Copy c : copies) {
            if (c.needed() && !force && !OutputOwnership.mayReplace(c.to())) {
                throw new Refused(c.to() + " exists and was not written by scn; move it away or use --force");
            }
        }
        if (!force && !OutputOwnership.mayReplace(index)) {
            throw new Refused(index + " exists and was not written by scn; move it away or use --force");
        }
        items.sort(Comparator.comparingInt(ShardManifest.Item::at));
        List<Index.Entry> entries = new ArrayList<>();
        // As an unsharded report lists them: the unusable arguments first, then the files in batch order.
        List<Index.Broken> broken = new ArrayList<>(shards.get(0).manifest().arguments());
        for (ShardManifest.Item item : items) {
            if (item.entry() != null) {
                entries.add(item.entry());
            } else {
                broken.add(item.broken());
            }
        }
        ShardManifest any = shards.get(0).manifest();
        String page = new ReportRenderer().index(new Index(entries, broken), Lang.parseSelection(any.lang()));
        try {
            for (Copy c : copies) {
                if (c.needed()) {
                    SafeFiles.write(c.to(), Files.readAllBytes(c.from()));
                }
            }
            SafeFiles.write(index, page);
        } catch (IOException e) {
            err.println("scn: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println(output.resolve("index.html") + ": " + entries.size() + " report(s), " + broken.size()
                + " file(s) could not be used (" + shards.size() + " shard(s) merged)");
        return worst;
    }

    /** A file of a shard and where it goes; not needed when the shard wrote into OUT itself. */
    private record Copy(Path from, Path to, boolean needed) {
    }
}
