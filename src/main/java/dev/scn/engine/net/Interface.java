package dev.scn.engine.net;

/** A network interface of a host: {@code em0} toward its links, {@code lo0} for itself. */
public final class Interface {
    private final String name;
    private final boolean loopback;
    private boolean up = true;
    /** if_mtu: 1500 for Ethernet (ETHERMTU); the loopback's own MTU is not modelled. */
    private int mtu = ETHERMTU;

    /** net/ethernet.h ETHERMTU. */
    public static final int ETHERMTU = 1500;
    /** net/if.h IF_MINMTU: the smallest MTU ifconfig accepts. */
    public static final int IF_MINMTU = 72;
    /** The largest MTU modelled: an IPv4 datagram's length field (IP_MAXPACKET). */
    public static final int MAX_MTU = 65_535;

    public Interface(String name, boolean loopback) {
        this.name = name;
        this.loopback = loopback;
    }

    public String name() {
        return name;
    }

    public boolean isLoopback() {
        return loopback;
    }

    public boolean isUp() {
        return up;
    }

    public int mtu() {
        return mtu;
    }

    /** {@code ifconfig IF mtu N} (packetdrill's --mtu on its tun device). */
    public void setMtu(int mtu) {
        if (mtu < IF_MINMTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("MTU " + mtu + " outside [" + IF_MINMTU + ", " + MAX_MTU + "]");
        }
        this.mtu = mtu;
    }

    /** {@code ifconfig IF down|up}: only the interface changes; TCP connections stay. */
    public void setUp(boolean up) {
        this.up = up;
    }
}
