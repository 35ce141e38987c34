/**
 * The packetdrill language as FreeBSD's TCP test suite writes it: the syntax tree
 * ({@link dev.scn.drill.script.DrillScript} and its parts) and the parser that builds it
 * ({@link dev.scn.drill.script.DrillParser}).
 *
 * <p>The tree keeps what the script says, as written: sequence numbers are still relative to the
 * ISNs, the option list is still the author's list. Interpreting them (relative sequence numbers,
 * tolerance, which errno a syscall must return) is the runner's job.
 */
package dev.scn.drill.script;
