package dev.scn.engine.kernel;

/**
 * Simulated time is a {@code long} count of microseconds since the scenario started (all hosts
 * boot at 0). These helpers convert and print it; they never read a wall clock.
 */
public final class SimTime {
    public static final long MICROS_PER_MILLI = 1_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;

    private SimTime() {
    }

    public static long seconds(long s) {
        return Math.multiplyExact(s, MICROS_PER_SECOND);
    }

    public static long millis(long ms) {
        return Math.multiplyExact(ms, MICROS_PER_MILLI);
    }

    /**
     * Whole seconds since boot, as the kernel's {@code time_uptime} (or {@code time_second} with
     * a boot-time origin) reads it: truncated, never rounded.
     */
    public static long wholeSeconds(long micros) {
        return Math.floorDiv(micros, MICROS_PER_SECOND);
    }

    /** tcpdump's time column relative to the start: {@code HH:MM:SS.uuuuuu}, hours unbounded. */
    public static String tcpdumpClock(long micros) {
        long totalSeconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long fraction = Math.floorMod(micros, MICROS_PER_SECOND);
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds / 60) % 60;
        long seconds = totalSeconds % 60;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%06d", hours, minutes, seconds, fraction);
    }

    /** A compact human form such as {@code 1d02h03m04.5s}, used in logs and traces. */
    public static String human(long micros) {
        return dev.scn.fact.Times.human(micros);
    }
}
