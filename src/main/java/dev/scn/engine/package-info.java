/**
 * The state engine's facade: {@link dev.scn.engine.Simulation} and {@link dev.scn.engine.Machine},
 * which a scenario interpreter drives. Below it, imports flow one way: {@code engine.kernel} (the
 * discrete-event clock) and {@code engine.flow} (addresses, protocols, flow keys) at the bottom,
 * {@code engine.trace} above the flow key, {@code engine.net} above the clock and the trace, and
 * {@code engine.tcp} and {@code engine.ipfw} above the network.
 *
 * <p>Depends on nothing outside the JDK; knows nothing of the scenario grammar, observers'
 * text formats or reports.
 */
package dev.scn.engine;
