package dev.scn.engine.flow;

/**
 * A transport flow regardless of direction: both ends of a TCP connection, and the dynamic rule
 * that tracks it, share one key. The end with the lower (address, port) comes first.
 */
public record FlowKey(Protocol protocol, int addressLow, int portLow, int addressHigh, int portHigh) {

    public static FlowKey of(Protocol protocol, int addressA, int portA, int addressB, int portB) {
        long a = endpoint(addressA, portA);
        long b = endpoint(addressB, portB);
        return a <= b
                ? new FlowKey(protocol, addressA, portA, addressB, portB)
                : new FlowKey(protocol, addressB, portB, addressA, portA);
    }

    private static long endpoint(int address, int port) {
        return ((address & 0xffffffffL) << 16) | (port & 0xffff);
    }

    /** Same contract as the record's own, cheaper: the key is hashed for every packet. */
    @Override
    public int hashCode() {
        int h = addressLow * 31 + portLow;
        h = h * 31 + addressHigh;
        h = h * 31 + portHigh;
        return h * 31 + protocol.ordinal();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FlowKey k && addressLow == k.addressLow && portLow == k.portLow
                && addressHigh == k.addressHigh && portHigh == k.portHigh && protocol == k.protocol;
    }

    @Override
    public String toString() {
        return protocol.ipfwName() + " " + Ipv4.format(addressLow) + "." + portLow + " <-> "
                + Ipv4.format(addressHigh) + "." + portHigh;
    }
}
