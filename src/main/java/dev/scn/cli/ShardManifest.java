package dev.scn.cli;

import dev.scn.model.Texts;
import dev.scn.report.Index;
import dev.scn.report.Report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code scn report --shard K/N} leaves in its folder as {@code scn-shard-K-of-N.json} for
 * {@code --merge}: the index rows of its scenarios (with their position in the whole batch), the
 * files it wrote for each, its exit code, and what identifies the batch, so that shards of
 * different batches or options are refused rather than mixed. Same input, same bytes: no time,
 * host or absolute path in it.
 *
 * @param batch     SHA-256 over N, the options and every file of the batch (its path as the pages
 *                  show it and its content's hash): equal for the N shards of one batch
 * @param lang      {@code zh}, {@code en} or {@code both}
 * @param variant   {@code --variant}, or null
 * @param arguments arguments that named no usable path (shard 1 only), as the index lists them
 */
record ShardManifest(int k, int n, String batch, String lang, String variant, long maxEvents, int exit,
                     List<Index.Broken> arguments, List<Item> items) {
    static final String FORMAT = "scn-shard/1";
    static final Pattern NAME = Pattern.compile("scn-shard-([0-9]{1,9})-of-([0-9]{1,9})\\.json");

    /**
     * One scenario file of this shard: exactly one of {@code entry} (its index row) and
     * {@code broken} (why it could not be used) is set.
     *
     * @param at    its 0-based position in the whole batch
     * @param files the file names it wrote in the shard's folder, in the order written
     */
    record Item(int at, Index.Entry entry, Index.Broken broken, List<String> files) {
    }

    static String fileName(int k, int n) {
        return "scn-shard-" + k + "-of-" + n + ".json";
    }

    /** The batch identity of {@code items} (one line each, as {@code ReportCommand} lists the batch). */
    static String batch(List<String> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String item : items) {
                sha.update(item.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("shard", k);
        root.put("of", n);
        root.put("batch", batch);
        root.put("lang", lang);
        root.put("variant", variant);
        root.put("maxEvents", maxEvents);
        root.put("exit", exit);
        root.put("arguments", arguments.stream().map(ShardManifest::broken).toList());
        List<Object> list = new ArrayList<>();
        for (Item item : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", item.at());
            if (item.entry() != null) {
                Index.Entry e = item.entry();
                m.put("file", e.file());
                m.put("name", e.name());
                Map<String, Object> title = new LinkedHashMap<>();
                title.put("en", e.title().en());
                title.put("zh", e.title().zh());
                m.put("title", title);
                m.put("href", e.href());
                m.put("runs", e.runs().stream().map(ShardManifest::run).toList());
            } else {
                m.put("broken", broken(item.broken()));
            }
            m.put("files", item.files());
            list.add(m);
        }
        root.put("items", list);
        return JsonText.write(root);
    }

    private static Map<String, Object> broken(Index.Broken b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", b.file());
        m.put("error", b.error());
        return m;
    }

    /** Only what the index shows of a run. */
    private static Map<String, Object> run(Report.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("base", r.base());
        m.put("held", r.held());
        m.put("total", r.total());
        m.put("completed", r.completed());
        return m;
    }

    /** Reads a manifest; the exception's message says what is wrong (the caller adds the file). */
    static ShardManifest parse(String text) {
        Object parsed = JsonText.parse(text);
        Fields root = new Fields(parsed, "the manifest");
        if (!FORMAT.equals(root.string("format"))) {
            throw new IllegalArgumentException("not a " + FORMAT + " manifest");
        }
        List<Index.Broken> arguments = new ArrayList<>();
        for (Object o : root.list("arguments")) {
            Fields b = new Fields(o, "an argument");
            arguments.add(new Index.Broken(b.string("file"), b.string("error")));
        }
        List<Item> items = new ArrayList<>();
        for (Object o : root.list("items")) {
            items.add(item(new Fields(o, "an item")));
        }
        long k = root.number("shard");
        long n = root.number("of");
        if (n < 1 || n > ShardSpec.MAX_SHARDS || k < 1 || k > n) {
            throw new IllegalArgumentException("shard " + k + " of " + n + " is not a shard");
        }
        return new ShardManifest((int) k, (int) n, root.string("batch"),
                root.string("lang"), root.optionalString("variant"), root.number("maxEvents"),
                (int) root.number("exit"), List.copyOf(arguments), List.copyOf(items));
    }

    private static Item item(Fields f) {
        List<String> files = f.list("files").stream().map(x -> new Fields(x, "a file").asString()).toList();
        int at = (int) f.number("at");
        if (f.has("broken")) {
            Fields b = f.object("broken");
            return new Item(at, null, new Index.Broken(b.string("file"), b.string("error")), files);
        }
        Fields title = f.object("title");
        List<Report.Run> runs = new ArrayList<>();
        for (Object o : f.list("runs")) {
            Fields r = new Fields(o, "a run");
            runs.add(new Report.Run(r.string("name"), r.bool("base"), (int) r.number("held"), (int) r.number("total"),
                    List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0, r.bool("completed")));
        }
        Index.Entry entry = new Index.Entry(f.string("file"), f.string("name"),
                new Texts(title.optionalString("en"), title.optionalString("zh")), f.string("href"), List.copyOf(runs));
        return new Item(at, entry, null, files);
    }

    /** The k and n a manifest's file name claims, or null when it is not a manifest's name. */
    static int[] shardOfName(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** Typed access to a parsed JSON object; a missing or mistyped field is an IllegalArgumentException. */
    private record Fields(Object value, String what) {
        private Map<?, ?> map() {
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            throw new IllegalArgumentException(what + " is not an object");
        }

        boolean has(String key) {
            return map().get(key) != null;
        }

        private Object get(String key, Class<?> type) {
            Object v = map().get(key);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException(what + ": \"" + key + "\" missing or not a " + type.getSimpleName());
            }
            return v;
        }

        String string(String key) {
            return (String) get(key, String.class);
        }

        String optionalString(String key) {
            return map().get(key) == null ? null : string(key);
        }

        String asString() {
            if (value instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException(what + " is not a string");
        }

        long number(String key) {
            return (Long) get(key, Long.class);
        }

        boolean bool(String key) {
            return (Boolean) get(key, Boolean.class);
        }

        List<?> list(String key) {
            return (List<?>) get(key, List.class);
        }

        Fields object(String key) {
            return new Fields(get(key, Map.class), what + " \"" + key + "\"");
        }
    }
}
