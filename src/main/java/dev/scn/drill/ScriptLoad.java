package dev.scn.drill;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Reads, parses and runs one script; a script that cannot be read or parsed is bad input. */
public final class ScriptLoad {
    private ScriptLoad() {
    }

    public static DrillVerdict run(Path file, DrillRunner runner, PrintWriter err) {
        // Filled in against DrillParser's API.
        throw new UnsupportedOperationException();
    }
}
