package dev.scn.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples a run keeps: at most {@value #MAX_PER_HOST} per host, so {@code every 1ms sample}
 * over a long run stays in bounded memory. When a host's samples outgrow that, every other one
 * is dropped and from then on only every 2nd (4th, …) sample is kept, evenly over the run; the
 * sample with the most piled-up connections (states other than LISTEN and CLOSED, the earliest
 * of equals: the report's peak snapshot) is always kept.
 */
final class BoundedSamples {
    /** Samples kept per host at most (plus its peak). */
    static final int MAX_PER_HOST = 1000;

    private final Map<String, PerHost> hosts = new LinkedHashMap<>();
    private long order;

    void add(Snapshot sample) {
        hosts.computeIfAbsent(sample.host(), h -> new PerHost()).add(new Kept(order++, sample));
    }

    /** Every kept sample, in the order they were taken. */
    List<Snapshot> kept() {
        TreeMap<Long, Snapshot> all = new TreeMap<>();
        for (PerHost h : hosts.values()) {
            h.kept.forEach(k -> all.put(k.order, k.sample));
            if (h.peak != null) {
                all.put(h.peak.order, h.peak.sample);
            }
        }
        return List.copyOf(all.values());
    }

    /** Hosts whose samples were thinned, with the stride (every Nth sample kept). */
    Map<String, Integer> thinned() {
        Map<String, Integer> out = new TreeMap<>();
        hosts.forEach((name, h) -> {
            if (h.stride > 1) {
                out.put(name, h.stride);
            }
        });
        return out;
    }

    private record Kept(long order, Snapshot sample) {
    }

    private static final class PerHost {
        private final List<Kept> kept = new ArrayList<>();
        private long seen;
        private int stride = 1;
        private Kept peak;
        private int peakCount;

        void add(Kept k) {
            long index = seen++;
            int count = piledUp(k.sample);
            if (peak == null || count > peakCount) {
                peak = k;
                peakCount = count;
            }
            if (index % stride != 0) {
                return;
            }
            kept.add(k);
            if (kept.size() > MAX_PER_HOST) {
                // Kept samples are those whose index is a multiple of stride: keep the multiples of 2 x stride.
                List<Kept> half = new ArrayList<>(kept.size() / 2 + 1);
                for (int i = 0; i < kept.size(); i += 2) {
                    half.add(kept.get(i));
                }
                kept.clear();
                kept.addAll(half);
                stride *= 2;
            }
        }

        private static int piledUp(Snapshot s) {
            int n = 0;
            for (Map.Entry<String, Integer> e : s.tcpStates().entrySet()) {
                if (!"LISTEN".equals(e.getKey()) && !"CLOSED".equals(e.getKey())) {
                    n += e.getValue();
                }
            }
            return n;
        }
    }
}
