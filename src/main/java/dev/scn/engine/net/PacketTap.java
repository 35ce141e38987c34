package dev.scn.engine.net;

/**
 * Sees packets where bpf (tcpdump) would: outbound after the firewall let them out, inbound
 * as the interface receives them, before the firewall.
 */
@FunctionalInterface
public interface PacketTap {
    void packet(long time, Host host, Interface via, Direction direction, Packet packet);

    /**
     * Packets {@code host} sent at one instant, as the fast way replays them (it runs only when
     * no tap reads packets arriving). By default they are seen one by one; a tap that only counts
     * may take them at once.
     */
    default void sentTogether(long time, Host host, Interface via, SentTogether packets) {
        for (int i = 0; i < packets.size(); i++) {
            packet(time, host, via, Direction.OUT, packets.packet(i));
        }
    }
}
