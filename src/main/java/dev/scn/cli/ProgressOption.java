package dev.scn.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code --progress} / {@code --no-progress} of {@code run}, {@code report} and {@code bench}:
 * whether a long run draws its {@link ProgressLine} on stderr. By default only when a person is
 * watching: Java has no isatty for stderr, so the console test ({@code System.console() != null},
 * true when stdin and stdout are a terminal) stands for it; the environment variable
 * {@code SCN_PROGRESS=1} or {@code 0} overrides that, and the option overrides both.
 */
final class ProgressOption {
    static final String ENV = "SCN_PROGRESS";

    @Option(names = "--progress", negatable = true, description = {"Draw a progress line on stderr (simulated time,",
            "%% done, events/s, ETA); default: only when the terminal is",
            "interactive, or as SCN_PROGRESS=1|0 says. Output is unchanged."})
    Boolean progress;

    /** The progress line to use, or null when none is drawn. */
    ProgressLine open(PrintWriter out, PrintWriter err) {
        if (!enabled(progress, System.getenv(ENV), System.console() != null)) {
            return null;
        }
        return new ProgressLine(err, out, System::nanoTime);
    }

    /** The option if given, else the environment variable if it says 1 or 0, else whether there is a console. */
    static boolean enabled(Boolean option, String env, boolean console) {
        if (option != null) {
            return option;
        }
        if ("1".equals(env)) {
            return true;
        }
        if ("0".equals(env)) {
            return false;
        }
        return console;
    }
}
