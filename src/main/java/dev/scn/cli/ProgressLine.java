package dev.scn.cli;

import dev.scn.engine.kernel.ProgressListener;
import dev.scn.run.ScenarioRunner;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The line a person watching a long run sees on the terminal's stderr, e.g.
 * {@code [2/3 fix] 1d02h / 5d  21 %  1.2 M events/s  ETA 0:41}: simulated time reached, share of
 * the run done, events per wall-clock second and the time this run still needs. It is redrawn in
 * place with a carriage return at most {@value #REDRAW_MILLIS} ms apart and wiped when the run ends
 * or before anything else is printed, so stdout, reports and every file stay byte for byte as
 * without it. The simulator tells it every {@link ProgressListener#EVERY_EVENTS} events; only then
 * is the wall clock read. Its methods are synchronized: runs that execute side by side report to
 * it (through the run layer's HeadProgress) while the output, on another thread, wipes it.
 */
final class ProgressLine implements ScenarioRunner.ProgressWatcher {
    static final long REDRAW_MILLIS = 250;
    /** Longer lines could wrap on an 80-column terminal, and a wrapped line cannot be redrawn with \r. */
    static final int MAX_WIDTH = 79;

    private final PrintWriter err;
    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private String prefix;
    private List<String> names = List.of();
    private String label;
    private long runMicros;
    private long startNanos;
    private long lastDrawNanos;
    private int drawnWidth;

    /**
     * @param err       where the line is drawn
     * @param out       flushed before each draw, so stdout text never lands in the middle of the line
     * @param nanoClock the wall clock (System::nanoTime; a fake one in tests)
     */
    ProgressLine(PrintWriter err, PrintWriter out, LongSupplier nanoClock) {
        this.err = err;
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /**
     * The runs that follow: their names in order (base and variants) and, for a batch of
     * scenarios, a prefix naming the scenario ("3/40 finwait2"); null prefix for a single one.
     */
    synchronized void runs(String prefix, List<String> names) {
        this.prefix = prefix;
        this.names = List.copyOf(names);
    }

    @Override
    public synchronized ProgressListener started(String variant, long runMicros) {
        this.label = label(prefix, names, variant);
        this.runMicros = runMicros;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
        return this::tick;
    }

    @Override
    public synchronized void ended() {
        clear();
    }

    /** Called every {@link ProgressListener#EVERY_EVENTS} events; draws when the last draw is old enough. */
    synchronized void tick(long now, long events) {
        long wall = nanoClock.getAsLong();
        if (wall - lastDrawNanos < REDRAW_MILLIS * 1_000_000L) {
            return;
        }
        lastDrawNanos = wall;
        draw(format(label, now, runMicros, events, wall - startNanos));
    }

    private void draw(String line) {
        out.flush();
        // spaces over what a longer previous line left
        String pad = " ".repeat(Math.max(0, drawnWidth - line.length()));
        err.print("\r" + line + pad);
        err.flush();
        drawnWidth = line.length();
    }

    /** Wipes the line, if one is drawn; the cursor is back at the start of an empty line. */
    synchronized void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** "[i/n name]" when there are several runs, "[prefix name]" in a batch, null for one lone run. */
    static String label(String prefix, List<String> names, String variant) {
        if (prefix != null) {
            return "[" + prefix + (names.size() > 1 ? " " + variant : "") + "]";
        }
        if (names.size() > 1) {
            return "[" + (names.indexOf(variant) + 1) + "/" + names.size() + " " + variant + "]";
        }
        return null;
    }

    /**
     * The line, a pure function of its inputs.
     *
     * @param label     which run, or null
     * @param now       simulated time reached (µs)
     * @param runMicros the run's length (µs)
     * @param events    events run so far
     * @param wallNanos wall-clock time since the run started
     */
    static String format(String label, long now, long runMicros, long events, long wallNanos) {
        long percent = runMicros <= 0 ? 100 : Math.min(100, Math.max(0, (long) ((double) now * 100 / runMicros)));
        String rest = clock(now) + " / " + clock(runMicros) + "  " + percent + " %  " + rate(events, wallNanos)
                + "  ETA " + eta(now, runMicros, wallNanos);
        if (label == null) {
            return rest;
        }
        int room = MAX_WIDTH - rest.length() - 1;
        String shown = label.length() <= room ? label : label.substring(0, Math.max(1, room - 2)) + "…]";
        return shown + " " + rest;
    }

    /** Simulated time to its two largest units: 1d02h, 5d, 2h05m, 3m07s, 12.3s (truncated). */
    static String clock(long micros) {
        long s = Math.max(0, micros) / 1_000_000L;
        long d = s / 86_400;
        long h = s / 3_600 % 24;
        long m = s / 60 % 60;
        long sec = s % 60;
        if (d > 0) {
            return h > 0 ? String.format(Locale.ROOT, "%dd%02dh", d, h) : d + "d";
        }
        if (h > 0) {
            return m > 0 ? String.format(Locale.ROOT, "%dh%02dm", h, m) : h + "h";
        }
        if (m > 0) {
            return sec > 0 ? String.format(Locale.ROOT, "%dm%02ds", m, sec) : m + "m";
        }
        long tenths = Math.max(0, micros) / 100_000L % 10;
        return tenths > 0 ? sec + "." + tenths + "s" : sec + "s";
    }

    /** Events per wall-clock second since the run started: "1.2 M events/s", "850 k events/s", "512 events/s". */
    static String rate(long events, long wallNanos) {
        if (wallNanos <= 0) {
            return "-- events/s";
        }
        double perSecond = events * 1e9 / wallNanos;
        // the thresholds are where the rounded figure would reach 1000 of the smaller unit
        if (perSecond >= 999_950) {
            return String.format(Locale.ROOT, "%.1f M events/s", perSecond / 1e6);
        }
        if (perSecond >= 999.5) {
            return String.format(Locale.ROOT, "%.0f k events/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f events/s", perSecond);
    }

    /**
     * Wall-clock time this run still needs if it keeps its pace so far (simulated time per wall
     * second): M:SS, or H:MM:SS from an hour; "--" before any simulated time has passed.
     */
    static String eta(long now, long runMicros, long wallNanos) {
        if (now <= 0) {
            return "--";
        }
        long left = Math.max(0, runMicros - now);
        long seconds = (long) ((double) wallNanos * left / now / 1e9);
        if (seconds >= 3_600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3_600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
