package dev.scn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The file names of a report batch. They depend on the whole batch (a second {@code x.scn} gets
 * {@code x-2.html}), so every shard of a sharded batch names every file of it, in the same order,
 * and the shards agree.
 */
final class ReportNames {
    /** The report file names scn itself uses in DIR; a scenario never gets them (index.scn → index-2.html). */
    static final Set<String> RESERVED_STEMS = Set.of("index");
    /** A file name's limit in bytes on the file systems scn writes to (NAME_MAX). */
    private static final int NAME_MAX = 255;
    /** Room left after a stem for ".trace.txt" (the longest suffix scn adds) and a "-N" to make it unique. */
    private static final int MAX_STEM_BYTES = NAME_MAX - ".trace.txt".length() - 10;

    private ReportNames() {
    }

    /**
     * The report's file name: the scenario file's name without .scn, shortened when NAME.trace.txt
     * would pass the 255-byte limit ({@link #shortened}), made unique within this batch ignoring case
     * (for case-insensitive file systems) and never "index" ({@code index.scn} → {@code index-2.html}).
     */
    static String stem(Path file, Set<String> used) {
        String name = file.getFileName().toString();
        String stem = shortened(name.endsWith(".scn") ? name.substring(0, name.length() - 4) : name);
        String unique = stem;
        for (int n = 2; !used.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = stem + "-" + n;
        }
        return unique;
    }

    /**
     * A stem of at most {@link #MAX_STEM_BYTES} UTF-8 bytes: a longer one keeps its first
     * characters and ends with "-" and 8 hex digits of the SHA-256 of the whole stem, so the
     * same name always gives the same file and two long names sharing a beginning do not clash.
     */
    private static String shortened(String stem) {
        byte[] utf8 = stem.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_STEM_BYTES) {
            return stem;
        }
        String hash = sha256(utf8).substring(0, 8);
        int budget = MAX_STEM_BYTES - 1 - hash.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept + "-" + hash;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
