package dev.scn.drill.script;

/**
 * Parses a packetdrill script into a {@link DrillScript}. (Being written: the grammar and the
 * diagnostics follow in the next commit.)
 */
public final class DrillParser {

    private DrillParser() {
    }
}
