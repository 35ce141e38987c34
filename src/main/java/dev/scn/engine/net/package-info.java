/**
 * Hosts' IP layers, interfaces, links with delay/jitter/loss/filters, packets and packet taps.
 * Depends on {@code engine.kernel} (clock), {@code engine.flow}, {@code engine.trace} and {@code engine.os}
 * (profiles, sysctls); TCP and
 * ipfw plug in through {@link dev.scn.engine.net.Transport} and {@link dev.scn.engine.net.PacketFilter}.
 */
package dev.scn.engine.net;
