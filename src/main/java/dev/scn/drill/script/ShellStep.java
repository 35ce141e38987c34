package dev.scn.drill.script;

/**
 * A backquoted shell command, e.g. {@code +0.00 `sysctl -w net.inet.tcp.rfc1323=1`}.
 *
 * @param line    1-based line of the step
 * @param column  1-based column
 * @param timing  when
 * @param command the text between the backquotes, exactly (it may span lines, as the suite's setkey)
 */
public record ShellStep(int line, int column, Timing timing, String command) implements Step {
}
