package dev.scn.run;

import java.util.Arrays;

/**
 * A count over simulated time as a step function: value {@code value(i)} from {@code time(i)} until
 * the next point (the last one holds to the end of the run). The first point is at time 0 (value
 * 0 unless the count changed at that very instant); instants strictly increase.
 * Points are the exact instants the count changed; changes at one instant are coalesced into the
 * value it had when the instant was over, so a connection passing through SYN_RCVD to
 * ESTABLISHED within one event never shows as a SYN_RCVD step, as netstat never would show it.
 *
 * <p>A very busy series (tens of thousands of changes) is thinned by {@link Builder}: time is cut
 * into buckets and each bucket keeps its lowest, highest and last point, at their exact instants,
 * so peaks survive and the value after each bucket is exact. Buckets are equal in log(1 + t/1 ms)
 * rather than in t: the report draws time on that scale, so early seconds keep as much detail as
 * late days.
 */
public final class StepSeries {
    private static final StepSeries ZERO = new StepSeries(new long[] {0}, new long[] {0}, false);

    private final long[] times;
    private final long[] values;
    private final boolean thinned;

    private StepSeries(long[] times, long[] values, boolean thinned) {
        this.times = times;
        this.values = values;
        this.thinned = thinned;
    }

    /** A series that stays 0. */
    public static StepSeries zero() {
        return ZERO;
    }

    /** Points, the first at time 0. */
    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public long value(int i) {
        return values[i];
    }

    /** True when busy stretches were thinned to their lowest, highest and last points. */
    public boolean thinned() {
        return thinned;
    }

    /** The value in force at {@code micros} (after every change at that instant). */
    public long valueAt(long micros) {
        int i = Arrays.binarySearch(times, micros);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? 0 : values[i];
    }

    public long max() {
        long max = 0;
        for (long v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** True when both series step at the same instants to the same values. */
    public boolean sameSteps(StepSeries other) {
        return Arrays.equals(times, other.times) && Arrays.equals(values, other.values);
    }

    /** True when the count was 0 all along. */
    public boolean allZero() {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < times.length; i++) {
            b.append(i == 0 ? "" : " ").append(times[i]).append(':').append(values[i]);
        }
        return b.toString();
    }

    /**
     * Builds a series while the run goes: {@link #set} at non-decreasing instants, O(1) amortized
     * per call, at most {@code capacity} points held.
     */
    public static final class Builder {
        /** Points held before thinning; after it at most half remain (three per bucket, capacity / 8 buckets). */
        static final int CAPACITY = 4096;
        private static final double RESOLUTION_MICROS = 1_000;

        private final int capacity;
        private double bucketsPerUnit;
        private long[] times = new long[16];
        private long[] values = new long[16];
        /** Each held point's bucket, found when it was added: thinning then needs no logarithm. */
        private int[] buckets = new int[16];
        private int size = 1;
        private boolean thinned;
        /** The bucket of the last point added, and the first instant past it (see {@link #bucketOf}). */
        private int lastBucket;
        private long nextBucketAt = 0;

        /** @param endMicros the run's length: buckets are sized so capacity / 8 of them cover it */
        public Builder(long endMicros) {
            this(endMicros, CAPACITY);
        }

        Builder(long endMicros, int capacity) {
            if (capacity < 64) {
                throw new IllegalArgumentException("capacity " + capacity);
            }
            this.capacity = capacity;
            this.bucketsPerUnit = (capacity / 8.0) / StrictMath.log1p(Math.max(1, endMicros) / RESOLUTION_MICROS);
        }

        /** The count is {@code value} from {@code micros} on. */
        public void set(long micros, long value) {
            int last = size - 1;
            if (micros < times[last]) {
                throw new IllegalArgumentException("step at " + micros + " before the last one at " + times[last]);
            }
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
            if (size == times.length) {
                if (size >= capacity) {
                    thin();
                } else {
                    times = Arrays.copyOf(times, Math.min(capacity, size * 2));
                    values = Arrays.copyOf(values, times.length);
                    buckets = Arrays.copyOf(buckets, times.length);
                }
            }
            times[size] = micros;
            values[size] = value;
            buckets[size] = bucketOf(micros);
            size++;
        }

        /** The current value (the last one set). */
        public long current() {
            return values[size - 1];
        }

        private int bucket(long micros) {
            return (int) (StrictMath.log1p(micros / RESOLUTION_MICROS) * bucketsPerUnit);
        }

        /**
         * {@link #bucket} of an instant no earlier than the last one asked about. A bucket spans many
         * points of a busy series, so the logarithm (a tenth of a busy run's time when taken per
         * point) is taken only where a bucket ends: the first instant of the next bucket is found
         * once, by bisection, which is exact because {@code bucket} never decreases as time grows
         * (StrictMath.log1p is semi-monotonic; scaling and truncation keep that).
         */
        private int bucketOf(long micros) {
            if (micros < nextBucketAt) {
                return lastBucket;
            }
            lastBucket = bucket(micros);
            long inBucket = micros;
            long step = 1;
            long past = micros == Long.MAX_VALUE ? micros : micros + step;
            while (bucket(past) == lastBucket) {
                if (past == Long.MAX_VALUE) {
                    nextBucketAt = past; // the last bucket there is
                    return lastBucket;
                }
                inBucket = past;
                step *= 2;
                past = step > Long.MAX_VALUE - micros ? Long.MAX_VALUE : micros + step;
            }
            while (past - inBucket > 1) {
                long mid = inBucket + (past - inBucket) / 2;
                if (bucket(mid) == lastBucket) {
                    inBucket = mid;
                } else {
                    past = mid;
                }
            }
            nextBucketAt = past;
            return lastBucket;
        }

        /** Thins until at most half the capacity is used, with coarser buckets if needed. */
        private void thin() {
            thinned = true;
            thinOnce();
            while (size > capacity / 2) {
                bucketsPerUnit /= 2; // only if the run went on past the end it was built for
                nextBucketAt = 0;
                for (int i = 1; i < size; i++) {
                    buckets[i] = bucketOf(times[i]);
                }
                thinOnce();
            }
        }

        /**
         * Keeps, of each bucket's run of points, the lowest, the highest and the last (in time
         * order, each once) where they differ from the point kept before. The first point stays.
         */
        private void thinOnce() {
            int out = 1;
            int i = 1;
            while (i < size) {
                int b = buckets[i];
                int j = i;
                int low = i;
                int high = i;
                while (j < size && buckets[j] == b) {
                    if (values[j] < values[low]) {
                        low = j;
                    }
                    if (values[j] > values[high]) {
                        high = j;
                    }
                    j++;
                }
                int lastOfBucket = j - 1;
                int first = Math.min(low, high);
                int second = Math.max(low, high);
                for (int k : new int[] {first, second, lastOfBucket}) {
                    if (times[out - 1] == times[k] || values[out - 1] == values[k]) {
                        continue; // the same point twice, or no change
                    }
                    times[out] = times[k];
                    values[out] = values[k];
                    buckets[out] = buckets[k];
                    out++;
                }
                i = j;
            }
            size = out;
        }

        public StepSeries build() {
            if (size == 1 && values[0] == 0) {
                return ZERO;
            }
            return new StepSeries(Arrays.copyOf(times, size), Arrays.copyOf(values, size), thinned);
        }
    }
}
