package dev.scn.engine.net;

/** Why a packet did not reach its destination. */
public enum DropReason {
    HOST_DOWN("host down"),
    INTERFACE_DOWN("interface down"),
    NO_ROUTE("no route to host"),
    LINK_DOWN("link down"),
    BLACKHOLE("blackhole on path"),
    PATH_FILTER("dropped by path filter"),
    LOSS("random loss on link"),
    FIREWALL("denied by ipfw"),
    NOT_LOCAL("not addressed to this host");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
