package dev.scn.engine.net;

/**
 * Sees packets where bpf (tcpdump) would: outbound after the firewall let them out, inbound
 * as the interface receives them, before the firewall.
 */
@FunctionalInterface
public interface PacketTap {
    void packet(long time, Host host, Interface via, Direction direction, Packet packet);
}
