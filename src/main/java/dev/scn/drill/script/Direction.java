package dev.scn.drill.script;

/** Which way a packet line goes, seen from the system under test. */
public enum Direction {
    /** {@code <}: the script injects the segment into the stack. */
    INBOUND,
    /** {@code >}: the stack must send this segment. */
    OUTBOUND
}
