package dev.scn.drill.script;

/**
 * {@code /udp(1 > 9811)} after a packet: the TCP segment travels in UDP (RFC 6951 style tunnelling,
 * FreeBSD's {@code net.inet.tcp.udp_tunneling_port}).
 *
 * @param srcPort the UDP source port
 * @param dstPort the UDP destination port
 */
public record UdpEncap(int srcPort, int dstPort) {
}
