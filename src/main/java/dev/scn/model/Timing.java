package dev.scn.model;

/** When a timeline line happens; all times in microseconds from the start. */
public sealed interface Timing {

    /** {@code at T} or {@code at +T}, resolved to an absolute instant. */
    record At(long micros) implements Timing {
    }

    /** {@code every T [from T1] [until T2]}; until = -1 means "until the run ends". */
    record Every(long periodMicros, long fromMicros, long untilMicros) implements Timing {
    }
}
