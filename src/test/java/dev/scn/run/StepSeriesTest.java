package dev.scn.run;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepSeriesTest {
    private static final long HOUR = 3_600_000_000L;

    @Test
    @DisplayName("changes at one instant count once, with the value the instant ended with")
    void sameInstantCoalesces() {
        StepSeries.Builder b = new StepSeries.Builder(HOUR);
        b.set(100, 1);
        b.set(100, 0);      // SYN_RCVD and out again within one event: no step
        b.set(200, 1);
        b.set(200, 2);
        b.set(300, 2);      // no change
        b.set(400, 1);
        assertEquals("0:0 200:2 400:1", b.build().toString());
        StepSeries.Builder atZero = new StepSeries.Builder(HOUR);
        atZero.set(0, 3);
        assertEquals("0:3", atZero.build().toString());
        assertThrows(IllegalArgumentException.class, () -> b.set(399, 5));
    }

    @Test
    @DisplayName("valueAt reads the step in force, after the changes at that instant")
    void valueAt() {
        StepSeries.Builder b = new StepSeries.Builder(HOUR);
        b.set(1_000, 1);
        b.set(5_000, 0);
        StepSeries s = b.build();
        assertEquals(0, s.valueAt(999));
        assertEquals(1, s.valueAt(1_000));
        assertEquals(1, s.valueAt(4_999));
        assertEquals(0, s.valueAt(5_000));
        assertEquals(1, s.max());
        assertFalse(s.allZero());
        assertTrue(StepSeries.zero().allZero());
    }

    /*
     * 100,000 random changes over an hour, with one spike to 1,000 in the middle and the last
     * value 7: after thinning the spike, the overall minimum and the last value are still there,
     * at their exact instants, and the series holds at most CAPACITY points.
     */
    @Test
    @DisplayName("thinning keeps each bucket's lowest, highest and last point: peaks and the end survive, memory stays bounded")
    void thinningKeepsPeaks() {
        StepSeries.Builder b = new StepSeries.Builder(HOUR);
        SplittableRandom random = new SplittableRandom(1);
        long t = 0;
        for (int i = 0; i < 100_000; i++) {
            t += 1 + random.nextInt(70_000);
            long value = i == 50_000 ? 1_000 : 10 + random.nextInt(20);
            b.set(t, value);
            if (i == 50_000) {
                t += 1;
                b.set(t, 10 + random.nextInt(20));
            }
        }
        b.set(t + 1, 7);
        StepSeries s = b.build();
        assertTrue(s.thinned());
        assertTrue(s.size() <= StepSeries.Builder.CAPACITY, "points " + s.size());
        assertEquals(1_000, s.max(), "the spike survives");
        assertEquals(7, s.valueAt(t + 1), "the last value is exact");
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.time(i) > s.time(i - 1) && s.value(i) != s.value(i - 1), "strict steps at " + i);
        }
    }

    @Test
    @DisplayName("the same changes give the same series")
    void deterministic() {
        String[] out = new String[2];
        for (int k = 0; k < 2; k++) {
            StepSeries.Builder b = new StepSeries.Builder(HOUR);
            SplittableRandom random = new SplittableRandom(9);
            long t = 0;
            for (int i = 0; i < 20_000; i++) {
                t += 1 + random.nextInt(100_000);
                b.set(t, random.nextInt(50));
            }
            out[k] = b.build().toString();
        }
        assertEquals(out[0], out[1]);
    }

    /**
     * Thinning buckets are equal in log(1 + t / 1 ms): a point at t belongs to bucket
     * floor(log1p(t / 1000) * (capacity / 8) / log1p(end / 1000)). The builder finds bucket ends
     * once and remembers them; this compares it with a plain re-statement of the rule that takes
     * the logarithm at every point. Steps of 1 to 3 µs over 40 ms (capacity 64: 8 buckets over
     * log1p(40) = 3.71, a bucket end every few ms at first) put a point on or next to every bucket
     * end, so an end found one microsecond off moves a point to the wrong bucket and changes what
     * is kept. Runs to 4× the end also take the path that halves the buckets.
     */
    @Test
    @DisplayName("thinning cuts time at the exact log-scale bucket ends, microsecond for microsecond")
    void thinningBucketsAreExact() {
        for (int seed = 0; seed < 20; seed++) {
            long end = 40_000;
            StepSeries.Builder b = new StepSeries.Builder(end, 64);
            ReferenceThinning reference = new ReferenceThinning(end, 64);
            SplittableRandom random = new SplittableRandom(seed);
            long t = 0;
            while (t < 4 * end) {
                t += 1 + random.nextInt(3);
                long value = random.nextInt(6);
                b.set(t, value);
                reference.set(t, value);
            }
            assertEquals(reference.toString(), b.build().toString(), "seed " + seed);
        }
    }

    /** The thinning rule with the logarithm taken at every point, as it was first written. */
    private static final class ReferenceThinning {
        private final int capacity;
        private double bucketsPerUnit;
        private final long[] times;
        private final long[] values;
        private int size = 1;

        ReferenceThinning(long end, int capacity) {
            this.capacity = capacity;
            this.bucketsPerUnit = (capacity / 8.0) / StrictMath.log1p(end / 1000.0);
            this.times = new long[capacity];
            this.values = new long[capacity];
        }

        void set(long micros, long value) {
            int last = size - 1;
            if (micros == times[last]) {
                values[last] = value;
                if (last > 0 && values[last - 1] == value) {
                    size--;
                }
                return;
            }
            if (values[last] == value) {
                return;
            }
            if (size == capacity) {
                thinOnce();
                while (size > capacity / 2) {
                    bucketsPerUnit /= 2;
                    thinOnce();
                }
            }
            times[size] = micros;
            values[size] = value;
            size++;
        }

        private long bucket(long micros) {
            return (long) (StrictMath.log1p(micros / 1000.0) * bucketsPerUnit);
        }

        private void thinOnce() {
            int out = 1;
            int i = 1;
            while (i < size) {
                long b = bucket(times[i]);
                int j = i;
                int low = i;
                int high = i;
                while (j < size && bucket(times[j]) == b) {
                    low = values[j] < values[low] ? j : low;
                    high = values[j] > values[high] ? j : high;
                    j++;
                }
                for (int k : new int[] {Math.min(low, high), Math.max(low, high), j - 1}) {
                    if (times[out - 1] != times[k] && values[out - 1] != values[k]) {
                        times[out] = times[k];
                        values[out] = values[k];
                        out++;
                    }
                }
                i = j;
            }
            size = out;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < size; i++) {
                text.append(i == 0 ? "" : " ").append(times[i]).append(':').append(values[i]);
            }
            return text.toString();
        }
    }
}
