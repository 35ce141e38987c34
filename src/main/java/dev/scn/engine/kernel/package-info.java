/**
 * The event kernel: the discrete-event clock ({@link dev.scn.engine.kernel.Simulator}), its
 * events and queue, simulated time and the seeded random streams. It knows only the causal trace
 * it stamps events with; the network, TCP and ipfw are built on it, never the reverse.
 */
package dev.scn.engine.kernel;
