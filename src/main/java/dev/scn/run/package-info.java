/**
 * Runs a scenario model on the engine: semantic validation against the release profiles,
 * variants, the timeline, expectations, samples, and the results a CLI or report reads.
 * Depends on {@code model}, {@code engine} and {@code observe}; knows nothing of the grammar.
 */
package dev.scn.run;
