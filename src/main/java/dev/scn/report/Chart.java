package dev.scn.report;

import java.util.List;

/**
 * A time chart: step lines over simulated time, all on the same axes.
 *
 * @param id        a stable name (CSS class, tests)
 * @param titleKey  bundle key of the caption
 * @param yUnitKey  bundle key of the y axis label (what is counted)
 * @param endMicros the right end of the time axis (the run's length)
 * @param series    the lines, in legend order
 */
public record Chart(String id, String titleKey, String yUnitKey, long endMicros, List<Series> series) {

    /** True when some series has a non-zero value: a chart worth reading. */
    public boolean hasData() {
        return series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.value() != 0));
    }

    /**
     * One line.
     *
     * @param labelKey  bundle key of the legend entry, filled with {@code labelArgs}
     * @param colorSlot which colour of the palette (same quantity, same colour across variants)
     * @param dashSlot  0 solid (the base run), 1.. dashed (variants)
     */
    public record Series(String labelKey, List<String> labelArgs, int colorSlot, int dashSlot, List<Point> points) {
    }

    /** The value from this instant on (step), at {@code micros}. */
    public record Point(long micros, double value) {
    }
}
