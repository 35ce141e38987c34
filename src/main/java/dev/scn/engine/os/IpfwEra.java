package dev.scn.engine.os;

/**
 * Generations of ipfw2's dynamic-rule code, each with its own update and keepalive logic
 * (model-freebsd.md, profile table and sections 1-2).
 */
public enum IpfwEra {
    /** ip_fw2.c 2002-2012 ([A], [B], [C]): both probes every qualifying tick, lazy expiry, 5 s free-running tick. */
    IPFW2_2002,
    /** ip_fw_dynamic.c after r232272/r232273 ([F]): refresh only when both sides answered; 5 s tick. */
    BOTH_SIDES_2012,
    /** ip_fw_dynamic.c 2013-2017 ([G]): as 2012, plus a 1 s tick that sweeps expired states; keepalive pass every 5 s. */
    SWEEP_2013,
    /** ip_fw_dynamic.c after r332401 ([H]): lockless rewrite, dyn_keep_states, DF/TOS on keepalives. */
    REWRITE_2018;

    /** True for the code that refreshes a state only after both sides answered (ACK_FWD and ACK_REV). */
    public boolean refreshNeedsBothSides() {
        return this != IPFW2_2002;
    }

    /** True when expired states are swept every second rather than lazily. */
    public boolean sweepsEverySecond() {
        return this == SWEEP_2013 || this == REWRITE_2018;
    }
}
