package dev.scn.drill.script;

import dev.scn.lang.Diagnostics;

import java.util.List;

/**
 * What {@link DrillParser} made of one script.
 *
 * @param name        the file name as diagnostics print it
 * @param script      the syntax tree, or null when the file could not be read or has errors
 * @param diagnostics every problem found (codes E0001-E0003, E0100, E0101, E0120-E0122)
 * @param sourceLines the file's lines, for printing diagnostics with their source and a caret
 *                    (dev.scn.cli.DiagnosticPrinter)
 */
public record DrillParse(String name, DrillScript script, Diagnostics diagnostics, List<String> sourceLines) {

    /** Parsed without an error: ready to run. */
    public boolean usable() {
        return script != null && !diagnostics.hasErrors();
    }
}
