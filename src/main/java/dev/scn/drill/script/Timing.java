package dev.scn.drill.script;

/**
 * When a step happens, as written before it. Times are microseconds.
 *
 * <ul>
 *   <li>{@code 0.10}: ABSOLUTE, start = end = 100000 (from the script's start)</li>
 *   <li>{@code +0.10}: RELATIVE, start = end = 100000 (after the previous step)</li>
 *   <li>{@code 0.1~0.2} or {@code +0.1~+0.2}: RANGE, start = 100000, end = 200000, the
 *       outbound packet may come anywhere in it; {@code relative} says whether it was written with
 *       {@code +} (packetdrill allows ranges and {@code *} on outbound packets only). Not to be
 *       confused with a blocking syscall's {@code 1.00...6.00}, which is an ABSOLUTE start and
 *       {@link SyscallStep#endUs()}.</li>
 *   <li>{@code *}: ANY, start = end = 0 (the step may happen at any time)</li>
 *   <li>nothing: NONE, start = end = 0; only the init and cleanup commands
 *       ({@link DrillScript#initCommand()}) have it</li>
 * </ul>
 *
 * @param kind     which of the forms above
 * @param startUs  the time, or the start of the range
 * @param endUs    equals startUs except for RANGE
 * @param relative true for RELATIVE and for a RANGE written with {@code +}. packetdrill's
 *                 relative times count from the previous step's start time (run.c,
 *                 adjust_relative_event_times: offset = last_event->time_usecs)
 */
public record Timing(Kind kind, long startUs, long endUs, boolean relative) {

    public enum Kind { ABSOLUTE, RELATIVE, RANGE, ANY, NONE }

    public static Timing absolute(long us) {
        return new Timing(Kind.ABSOLUTE, us, us, false);
    }

    public static Timing relative(long us) {
        return new Timing(Kind.RELATIVE, us, us, true);
    }

    public static Timing range(long startUs, long endUs, boolean relative) {
        return new Timing(Kind.RANGE, startUs, endUs, relative);
    }

    public static Timing any() {
        return new Timing(Kind.ANY, 0, 0, false);
    }

    public static Timing none() {
        return new Timing(Kind.NONE, 0, 0, false);
    }
}
