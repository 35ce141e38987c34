package dev.scn.drill.script;

import java.nio.file.Path;
import java.util.List;

/**
 * One parsed packetdrill script.
 *
 * @param file    the script's path, as given to the parser
 * @param options the {@code --name=value} lines at the top, in order
 * @param steps   the timed events in file order; {@code #ifdef} blocks already resolved
 *                (see {@link DrillParser})
 * @param initCommand    a backquoted command written after the options without a time (the
 *                       suite's setkey line): packetdrill runs it before the first event; or null
 * @param cleanupCommand a backquoted command written without a time after the last event:
 *                       packetdrill runs it at the end whether the script passed or failed; or null
 *
 * <p>Both commands have {@link Timing.Kind#NONE}; they are not in {@code steps}.
 */
public record DrillScript(Path file, List<ScriptOption> options, List<Step> steps, ShellStep initCommand,
                          ShellStep cleanupCommand) {

    public DrillScript {
        options = List.copyOf(options);
        steps = List.copyOf(steps);
    }

    /** The value of option {@code --name}, or null when the script does not set it (or sets it bare). */
    public String option(String name) {
        String value = null;
        for (ScriptOption o : options) {
            if (o.name().equals(name)) {
                value = o.value(); // the last one wins, as packetdrill's command line does
            }
        }
        return value;
    }
}
