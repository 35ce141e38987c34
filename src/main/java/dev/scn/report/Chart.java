package dev.scn.report;

import java.util.List;

/**
 * A time chart drawn as small multiples: one strip per line, stacked, on one time axis, so no
 * line hides another. Strips come in groups; a group is one quantity (server FIN_WAIT_2, ipfw
 * keepalives sent…) and its strips share a y scale: one strip in a single run's chart, one per
 * run in the comparison of variants.
 *
 * @param id       a stable name (CSS class, tests)
 * @param titleKey bundle key of the caption
 * @param noneKey  bundle key of the sentence shown instead of the chart when nothing was drawn
 * @param yUnitKey bundle key of what the strips count
 * @param axis     the time axis, shared by every strip
 * @param groups   the quantities with data, in order
 * @param zero     the quantities that stayed 0 in every run (named in a sentence, not drawn)
 */
public record Chart(String id, String titleKey, String noneKey, String yUnitKey, TimeAxis axis, List<Group> groups,
                    List<Label> zero) {

    /** True when something is drawn: some quantity was not 0 all along. */
    public boolean hasData() {
        return !groups.isEmpty();
    }

    /** How time is drawn: "linear", "log", or "knee" (logarithmic, then linear). */
    public String timeScale() {
        return !axis.logarithmic() ? "linear" : axis.hasKnee() ? "knee" : "log";
    }

    /** A text from the bundles: key and arguments. */
    public record Label(String key, List<String> args) {
    }

    /**
     * One quantity.
     *
     * @param label  what it is (the strip heading)
     * @param series one per strip, on the same y scale
     */
    public record Group(Label label, List<Series> series) {
        long max() {
            return series.stream().mapToLong(Series::max).max().orElse(0);
        }
    }

    /**
     * One line.
     *
     * @param run    the run's name over the strip (comparison of variants), or null
     * @param color  the line's colour: the quantity's in one run, the run's in a comparison
     * @param points the steps, the first at time 0
     */
    public record Series(Label run, String color, List<Point> points) {
        long max() {
            return points.stream().mapToLong(Point::value).max().orElse(0);
        }

        boolean allZero() {
            return points.stream().allMatch(p -> p.value() == 0);
        }
    }

    /** The value from this instant on (a step). */
    public record Point(long micros, long value) {
    }
}
