/**
 * The {@code scn} command line: thin picocli commands over {@code lang} and {@code run}. The only
 * package that prints and chooses exit codes (0 all expectations held, 1 some failed, 2 bad input
 * or a bound hit).
 */
package dev.scn.cli;
