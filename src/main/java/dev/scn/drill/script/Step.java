package dev.scn.drill.script;

/**
 * One line (or multi-line event) of a script after its options.
 * Position is where the step starts: its timing, or its action when it has none (1-based).
 */
public sealed interface Step permits PacketStep, SyscallStep, ShellStep, CodeStep {

    int line();

    int column();

    Timing timing();
}
