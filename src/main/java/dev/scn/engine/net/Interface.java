package dev.scn.engine.net;

/** A network interface of a host: {@code em0} toward its links, {@code lo0} for itself. */
public final class Interface {
    private final String name;
    private final boolean loopback;
    private boolean up = true;

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

    /** {@code ifconfig IF down|up}: only the interface changes; TCP connections stay. */
    public void setUp(boolean up) {
        this.up = up;
    }
}
