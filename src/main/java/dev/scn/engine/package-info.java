/**
 * The state engine: a discrete-event clock ({@link dev.scn.engine.Simulator}) and the facade a
 * scenario interpreter drives ({@link dev.scn.engine.Simulation}, {@link dev.scn.engine.Machine}).
 * Sub-packages model the network, FreeBSD's TCP, ipfw and the release profiles.
 *
 * <p>Depends on nothing outside the JDK; knows nothing of the scenario grammar, observers'
 * text formats or reports.
 */
package dev.scn.engine;
