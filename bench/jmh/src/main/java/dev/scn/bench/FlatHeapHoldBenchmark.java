package dev.scn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Not scn's kernel: a reference point for its owner. The same hold model as
 * {@link HoldBenchmark} on a 4-ary min-heap whose keys (time, sequence) live in primitive arrays
 * beside the payload index, so a comparison reads two longs from arrays instead of following a
 * reference to an Event object (the cache miss that dominates a binary heap of objects with
 * 100,000 entries). No simulator loop, no dispatch: the queue alone, plus the random draw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC") // as the scn launcher runs
public class FlatHeapHoldBenchmark {
    @Param("100000")
    int pending;

    @Param("100")
    double mean;

    private long[] times;
    private long[] sequences;
    private int[] ids;
    private int size;
    private long nextSequence;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void fill() {
        times = new long[pending];
        sequences = new long[pending];
        ids = new int[pending];
        random = new SplittableRandom(1);
        for (int i = 0; i < pending; i++) {
            push(increment(), i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(HoldBenchmark.BATCH)
    public long hold() {
        long now = 0;
        for (int i = 0; i < HoldBenchmark.BATCH; i++) {
            now = step();
        }
        return now;
    }

    /** One hold step: pops the earliest, pushes it again at now + Exp(mean); returns now. */
    long step() {
        long now = times[0];
        int id = ids[0];
        popFirst();
        push(now + increment(), id);
        return now;
    }

    private long increment() {
        return Math.round(-mean * Math.log(1.0 - random.nextDouble()));
    }

    private boolean before(long t1, long s1, int slot) {
        return t1 < times[slot] || (t1 == times[slot] && s1 < sequences[slot]);
    }

    private void push(long time, int id) {
        long seq = nextSequence++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(time, seq, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, id);
    }

    private void popFirst() {
        int last = --size;
        long time = times[last];
        long seq = sequences[last];
        int id = ids[last];
        int i = 0;
        while (true) {
            int child = 4 * i + 1;
            if (child >= size) {
                break;
            }
            int best = child;
            int end = Math.min(child + 4, size);
            for (int c = child + 1; c < end; c++) {
                if (before(times[c], sequences[c], best)) {
                    best = c;
                }
            }
            if (!precedes(times[best], sequences[best], time, seq)) {
                break;
            }
            move(best, i);
            i = best;
        }
        set(i, time, seq, id);
    }

    private static boolean precedes(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        sequences[to] = sequences[from];
        ids[to] = ids[from];
    }

    private void set(int slot, long time, long seq, int id) {
        times[slot] = time;
        sequences[slot] = seq;
        ids[slot] = id;
    }
}
