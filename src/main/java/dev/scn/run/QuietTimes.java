package dev.scn.run;

import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The instants at which a run looks at its hosts (samples, shows, expectations, the end), so
 * the fast way replays only connections that nothing looks at while they are under way. Null
 * from {@link #of} when the timeline does more than look (a command changes the hosts, or an
 * expectation watches a stretch of time): then every connection is simulated in detail.
 */
final class QuietTimes {
    private final long[] instants;
    /** {from, period, until} of each repetition. */
    private final List<long[]> repeats;

    private QuietTimes(long[] instants, List<long[]> repeats) {
        this.instants = instants;
        this.repeats = repeats;
    }

    static QuietTimes of(Scenario scenario, long end, long sampleEvery) {
        List<Long> at = new ArrayList<>();
        List<long[]> repeats = new ArrayList<>();
        at.add(end);
        for (TimelineEntry entry : scenario.timeline()) {
            Action action = entry.action();
            boolean looks = action instanceof Action.Sample || action instanceof Action.Show
                    || (action instanceof Action.Expect e && e.expectation().mode() == Expectation.Mode.AT);
            if (!looks) {
                return null;
            }
            if (entry.timing() instanceof Timing.At a) {
                at.add(a.micros());
            } else if (entry.timing() instanceof Timing.Every every) {
                long until = every.untilMicros() < 0 ? end : Math.min(every.untilMicros(), end);
                repeats.add(new long[] {every.fromMicros(), every.periodMicros(), until});
            } else {
                at.add(0L);
            }
        }
        if (sampleEvery > 0) {
            repeats.add(new long[] {0, sampleEvery, end});
        }
        return new QuietTimes(at.stream().mapToLong(Long::longValue).sorted().toArray(), repeats);
    }

    /** True when nothing looks at the hosts at any instant of [from, to]. */
    boolean quiet(long from, long to) {
        int i = Arrays.binarySearch(instants, from);
        if (i >= 0 || (-i - 1 < instants.length && instants[-i - 1] <= to)) {
            return false;
        }
        for (long[] r : repeats) {
            if (from > r[2] || to < r[0]) {
                continue;
            }
            long first = from <= r[0] ? r[0] : r[0] + Math.floorDiv(from - r[0] + r[1] - 1, r[1]) * r[1];
            if (first <= to && first <= r[2]) {
                return false;
            }
        }
        return true;
    }
}
