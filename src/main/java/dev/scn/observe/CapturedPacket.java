package dev.scn.observe;

import dev.scn.engine.net.Packet;

/**
 * One packet as a capture point saw it: the simulated instant (microseconds since the scenario
 * started) and the IP identification its sender gave it.
 */
public record CapturedPacket(long time, Packet packet, int ipId) {
}
