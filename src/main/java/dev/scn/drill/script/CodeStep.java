package dev.scn.drill.script;

/**
 * A {@code %{ ... }%} block, e.g. {@code %{ assert tcpi_state == TCPI_ESTABLISHED }%}.
 *
 * @param line   1-based line of the step
 * @param column 1-based column
 * @param timing when
 * @param code   the text between the delimiters with spaces and tabs stripped from both ends,
 *               as packetdrill's lexer does
 */
public record CodeStep(int line, int column, Timing timing, String code) implements Step {
}
