package dev.scn.report;

import dev.scn.model.Texts;

import java.util.List;

/**
 * The view model of one scenario's report: every number and technical text, no sentence. The
 * templates turn it into prose through the bundles; charts and the diagram are drawn per language
 * by {@link ReportRenderer}.
 *
 * @param name       the scenario's name
 * @param file       the scenario file as given on the command line
 * @param sha256     SHA-256 of the file's bytes
 * @param runHuman   the simulated duration, e.g. {@code 2d}
 * @param narrative  section 2, as messages with their arguments
 * @param sequences  the diagrams of the connection that matters most, one per run (base first); empty when none
 * @param trace      section 9, the base run's packet trace
 */
public record Report(String name, String file, String sha256, long seed, String runHuman, Texts title, Texts summary,
                     Texts note, boolean allHeld, List<Run> runs, List<Paragraph> narrative, List<Chart> charts,
                     List<Chart> overlays, List<Diagram> sequences, List<Snap> snapshots, List<HostConfig> hosts,
                     Trace trace, List<String> glossary, KeyTable keyFigures) {

    /**
     * A paragraph of the narrative: a heading sentence and its numbered causal steps.
     *
     * @param variant the variant whose run it tells, null for the base run
     */
    public record Paragraph(String variant, Phrase heading, List<Phrase> steps) {
    }

    /**
     * The key figures of every run side by side (section 8).
     *
     * @param runs the runs' names, "base" first, in column order
     */
    public record KeyTable(List<String> runs, List<KeyRow> rows) {
    }

    /**
     * One key figure: its label (bundle key and arguments) and its value in each run.
     *
     * @param differs true when the runs do not all agree: the figure the variant moved
     */
    public record KeyRow(String key, List<String> args, List<String> values, boolean differs) {
    }

    /** The sequence diagram of one run ({@code run} is "base" or the variant's name). */
    public record Diagram(String run, boolean base, SequenceDiagram diagram) {
    }

    /** A sentence: bundle key and arguments. */
    public record Phrase(String key, List<String> args) {
    }

    /**
     * One run (the base or a variant).
     *
     * @param changes    what the variant sets, e.g. {@code server: net.inet.ip.fw.dyn_keepalive=0 (default 1)}
     * @param endStates  connections per state at the end, {@code server FIN_WAIT_2 1}, LISTEN left out
     * @param dynamic    live dynamic rules at the end, all hosts
     * @param completed  false when a bound stopped the run
     */
    public record Run(String name, boolean base, int held, int total, List<Expect> expectations, List<String> changes,
                      List<String> endStates, long dynamic, long keepalives, long rsts, long fins, long packets,
                      long events, boolean completed) {
        public boolean allHeld() {
            return held == total;
        }
    }

    /** One row of the expectations table. */
    public record Expect(int line, String time, String mode, String subject, String op, String expected,
                         String actual, boolean held) {
    }

    /** A snapshot: what a command printed on a host at a time. */
    public record Snap(String run, String time, String host, String command, String text) {
    }

    /**
     * Configuration of a host in the base run.
     *
     * @param approximate true when the release is not modelled exactly and a near profile was used
     * @param ipfwList    {@code ipfw list} at the end of the run, empty when the host has no rules
     */
    public record HostConfig(String name, String release, String profile, boolean approximate, List<Setting> sysctls,
                             List<String> explicitDefaults, String ipfwList, List<String> addresses) {
    }

    /** A sysctl set differently from its default. */
    public record Setting(String name, long value, long defaultValue) {
    }

    /**
     * The packet trace: {@code head} and {@code tail} shown, the middle folded.
     *
     * @param sidecar file name of the full trace, or null when the page shows it all
     */
    public record Trace(int total, List<String> head, int omitted, List<String> tail, String sidecar) {
        /** The sidecar's link, percent-encoded as the index's links are ({@link Index#href}). */
        public String sidecarHref() {
            return sidecar == null ? null : Index.href(sidecar);
        }
    }
}
