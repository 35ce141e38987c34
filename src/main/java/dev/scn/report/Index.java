package dev.scn.report;

import dev.scn.model.Texts;

import java.util.List;

/**
 * The view model of {@code index.html}: one entry per scenario written, one per file that could
 * not be used.
 */
public record Index(List<Entry> entries, List<Broken> broken) {

    /** A scenario and where its report is. */
    public record Entry(String file, String name, Texts title, String href, List<Report.Run> runs) {
    }

    /** A file that could not be used, with its first error as the diagnostics print it. */
    public record Broken(String file, String error) {
    }
}
