package dev.scn.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard K/N}: this process reports shard K of N (1-based). The rule, stable by
 * construction: the scenario files are listed as an unsharded report lists them (the arguments in
 * order, each folder searched recursively in sorted order), and the file at 0-based position i
 * belongs to shard {@code (i mod N) + 1}. Round robin rather than a hash of the name, so N shards
 * get the same number of files give or take one, whatever the names. Errors about the arguments
 * themselves (a name this locale cannot express) belong to shard 1.
 */
record ShardSpec(int k, int n) {
    /** More shards than this is a typo, not a batch (and keeps the manifest names short). */
    static final int MAX_SHARDS = 100_000;

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");

    /** Parses "K/N"; the exception's message says what is wrong in words. */
    static ShardSpec parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard '" + text + "': expected K/N, e.g. --shard 2/3 "
                    + "(shard K of N, K from 1 to N)");
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > MAX_SHARDS) {
            throw new IllegalArgumentException("--shard " + text + ": N must be from 1 to " + MAX_SHARDS);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("--shard " + text + ": K must be from 1 to N (" + n
                    + "); shards are numbered from 1 (a Kubernetes JOB_COMPLETION_INDEX is 0-based: add 1)");
        }
        return new ShardSpec(k, n);
    }

    /** True when the scenario file at 0-based position {@code ordinal} of the batch is this shard's. */
    boolean owns(int ordinal) {
        return ordinal % n == k - 1;
    }

    /** True for the shard that reports the arguments that name no usable path. */
    boolean ownsArguments() {
        return k == 1;
    }

    /** The manifest this shard leaves in its output folder. */
    String manifestName() {
        return ShardManifest.fileName(k, n);
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
