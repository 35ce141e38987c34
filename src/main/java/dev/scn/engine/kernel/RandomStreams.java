package dev.scn.engine.kernel;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One independent random stream per component, derived from the scenario seed and a stable
 * component name ("link client->server", "host server tcp iss"), never from hash codes, thread
 * timing or the wall clock. Adding a component therefore never shifts another one's numbers.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public SplittableRandom forComponent(String component) {
        return new SplittableRandom(mix(seed ^ fnv1a64(component)));
    }

    /** FNV-1a over UTF-8 bytes: stable across JVMs, unlike String.hashCode's spread. */
    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64 finaliser, so neighbouring seeds give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
