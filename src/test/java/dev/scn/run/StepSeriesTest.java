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
}
