package dev.scn.drill;

import java.nio.file.Path;

/**
 * How one script ended.
 *
 * @param file    the script
 * @param passed  every line held
 * @param line    the line it stopped at (0 when it passed or could not be read)
 * @param message packetdrill's complaint, or the parse error; null when it passed
 * @param badInput the script could not be read or parsed (exit code 2 rather than 1)
 */
public record DrillVerdict(Path file, boolean passed, int line, String message, boolean badInput) {
    static DrillVerdict pass(Path file) {
        return new DrillVerdict(file, true, 0, null, false);
    }

    static DrillVerdict fail(Path file, int line, String message) {
        return new DrillVerdict(file, false, line, message, false);
    }

    public static DrillVerdict unreadable(Path file, String message) {
        return new DrillVerdict(file, false, 0, message, true);
    }

    /** packetdrill's one line: {@code file:line: message}. */
    public String describe() {
        if (passed) {
            return "PASS " + file;
        }
        return "FAIL " + file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
