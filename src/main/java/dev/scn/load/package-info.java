/**
 * The one front door to a scenario: a file (or a text) read, parsed and checked, every problem
 * collected, for the CLI, the bench and the tests alike. Depends on {@code lang} (reading,
 * parsing) and {@code run} (the validator); {@code cli} depends on it, {@code report} does not.
 */
package dev.scn.load;
