package dev.scn.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The memory bound of a run: the heap counts as nearly full when, after the last garbage
 * collection, the long-lived heap pools (those that report a usage after collection and have a
 * maximum) are more than {@value #PERCENT}% used. Read between slices of a run, never per event.
 */
final class HeapBound {
    /**
     * Low enough that the result can still be built: it copies the stored facts of the trace
     * (up to 2,000,000 records), about as much again as the trace itself.
     */
    static final int PERCENT = 40;

    private HeapBound() {
    }

    static boolean nearlyFull() {
        long used = 0;
        long max = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc == null || pool.getUsage().getMax() <= 0) {
                continue;
            }
            used += afterGc.getUsed();
            max += pool.getUsage().getMax();
        }
        if (max <= 0) {
            max = Runtime.getRuntime().maxMemory();
        }
        return max > 0 && used * 100 > max * PERCENT;
    }
}
