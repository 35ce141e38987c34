package dev.scn.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The time axis of the charts: where an instant goes, and which instants get a labelled tick.
 *
 * <p>Why not linear: an incident's changes span six or seven decades. In the seed scenario the
 * rule appears at 0.04 s, FIN_WAIT_2 begins at 0.36 s, the rule dies at 300 s and FIN_WAIT_2 ends
 * at 675.36 s, in a run of 2 days: on a linear axis everything before 15 minutes falls into the
 * first 3 pixels. Why not purely logarithmic: the rest of the run is a steady state (a keepalive
 * round every 285 s, traffic at a constant rate), and a log axis bends a constant rate into an
 * exponential curve and squeezes the last day into a few per cent of the width. Why not an inset
 * of "the first minutes": it doubles the charts, and the cut would still crush the handshake.
 *
 * <p>So the axis is logarithmic first and linear after a knee {@code K}: {@code log(1 + t/tau)}
 * from 0 (exactly the left edge; linear below {@code tau}) to {@code K}, then a straight line to
 * the run's end, joined at the slope the log part has at {@code K}, so the bend is invisible and
 * no instant jumps. {@code tau} is the power of ten at or below the first change drawn (10 ms for
 * a 40 ms link), at least 1 ms: every decade after it gets the same width, so 0.04 s, 0.36 s,
 * 300 s and 675 s each have their own place. {@code K} is the round instant (1, 2, 5 x 10^n s,
 * minutes, hours, days) that gives the log part about 40 % of the width; the seed's K is 2 h
 * and its 2 days of keepalives cumulate as the straight line they are. Ticks are labelled in real
 * units (0, 1 s, 1 min, K, 1 d…, and the run's end) and the axis title says where K is. A run
 * shorter than 200 tau gets a plain linear axis.
 *
 * @param endMicros  the right end: the run's length
 * @param tauMicros  0 for a linear axis, else the scale below which the log part is linear
 * @param kneeMicros where the log part ends and the linear part begins (the end for a pure log axis)
 * @param logShare   the share of the width the log part takes
 */
record TimeAxis(long endMicros, long tauMicros, long kneeMicros, double logShare) {
    static final long MS = 1_000L;
    static final long S = 1_000_000L;
    static final long MIN = 60 * S;
    static final long H = 60 * MIN;
    static final long D = 24 * H;
    /** Instants worth a tick in the log part, most telling first (tried in this order). */
    private static final long[] LOG_TICKS = {S, MIN, H, D, 10 * S, 10 * MIN, 100 * MS, 10 * MS, MS, 6 * H, 7 * D};
    /** Round instants a knee may be at. */
    private static final long[] KNEES = {10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS, S, 2 * S, 5 * S,
            10 * S, 20 * S, 30 * S, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, H, 2 * H, 3 * H, 6 * H, 12 * H,
            D, 2 * D, 7 * D, 14 * D, 30 * D};
    private static final double WANTED_LOG_SHARE = 0.4;

    /** A tick: the instant and where it goes (0..1 of the width). */
    record Tick(long micros, double position) {
    }

    /**
     * @param firstChangeMicros the earliest positive instant where some drawn series changes (0 if none)
     */
    static TimeAxis of(long endMicros, long firstChangeMicros) {
        long end = Math.max(1, endMicros);
        long tau = MS;
        if (firstChangeMicros > 0) {
            while (tau * 10 <= firstChangeMicros) {
                tau *= 10;
            }
        }
        if (end < 200 * tau) {
            return new TimeAxis(end, 0, end, 1);
        }
        long knee = end;
        double share = 1;
        for (long k : KNEES) {
            if (k > tau && k < end) {
                double s = logShare(tau, k, end);
                if (Math.abs(s - WANTED_LOG_SHARE) < Math.abs(share - WANTED_LOG_SHARE)) {
                    knee = k;
                    share = s;
                }
            }
        }
        return new TimeAxis(end, tau, knee, share);
    }

    /**
     * The share of the width that makes the slopes meet at the knee: the log part's slope there,
     * share / ((tau + K) ln(1 + K/tau)), equals the linear part's, (1 - share) / (end - K).
     */
    private static double logShare(long tau, long knee, long end) {
        double a = (tau + (double) knee) * StrictMath.log1p((double) knee / tau);
        return a / (a + (end - knee));
    }

    boolean logarithmic() {
        return tauMicros > 0;
    }

    /** True when a linear part follows the log part. */
    boolean hasKnee() {
        return logarithmic() && kneeMicros < endMicros;
    }

    /** Where {@code micros} goes, 0 at the start, 1 at the end (clamped). */
    double position(long micros) {
        long t = Math.max(0, Math.min(micros, endMicros));
        if (!logarithmic()) {
            return (double) t / endMicros;
        }
        if (t <= kneeMicros) {
            return logShare * StrictMath.log1p((double) t / tauMicros) / StrictMath.log1p((double) kneeMicros / tauMicros);
        }
        return logShare + (1 - logShare) * (t - kneeMicros) / (double) (endMicros - kneeMicros);
    }

    /**
     * The labelled ticks for a plot {@code width} units wide: always 0 and the end (and the knee),
     * then the candidates whose labels ({@code labelWidth} measures one) fit beside those already
     * placed. A label is centred on its tick but kept within {@code margin} of the plot's ends
     * ({@link #labelLeft}).
     */
    List<Tick> ticks(double width, double margin, ToDoubleFunction<Long> labelWidth) {
        List<Tick> placed = new ArrayList<>();
        List<double[]> boxes = new ArrayList<>();
        for (long t : candidates()) {
            double w = labelWidth.applyAsDouble(t);
            double left = labelLeft(position(t) * width, w, width, margin);
            boolean fits = true;
            for (double[] b : boxes) {
                if (left < b[1] + 8 && left + w > b[0] - 8) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                placed.add(new Tick(t, position(t)));
                boxes.add(new double[] {left, left + w});
            }
        }
        placed.sort((a, b) -> Long.compare(a.micros(), b.micros()));
        return placed;
    }

    /** The left edge of a label {@code w} wide centred at {@code x}, kept within the plot plus {@code margin}. */
    static double labelLeft(double x, double w, double width, double margin) {
        return Math.max(-margin, Math.min(x - w / 2, width + margin - w));
    }

    /** 0 and the end first, the knee, then round instants, most telling first. */
    private List<Long> candidates() {
        List<Long> out = new ArrayList<>(List.of(0L, endMicros));
        if (!logarithmic()) {
            long step = linearStep(endMicros / 6.0);
            for (long t = step; t < endMicros; t += step) {
                out.add(t);
            }
            return out;
        }
        if (hasKnee()) {
            out.add(kneeMicros);
            long step = linearStep((endMicros - kneeMicros) / 4.0);
            for (long t = (kneeMicros / step + 1) * step; t < endMicros; t += step) {
                out.add(t);
            }
        }
        for (long t : LOG_TICKS) {
            if (t >= tauMicros && t < kneeMicros) {
                out.add(t);
            }
        }
        return out;
    }

    /** The round step at least {@code raw}: 1, 2, 5 x 10^n ms and s, minutes, hours, days. */
    static long linearStep(double raw) {
        long[] nice = {MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS, S, 2 * S, 5 * S,
                10 * S, 15 * S, 30 * S, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, H, 2 * H, 3 * H, 6 * H,
                12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D};
        for (long n : nice) {
            if (n >= raw) {
                return n;
            }
        }
        return (long) (Math.ceil(raw / (30.0 * D)) * 30 * D);
    }

    /** A duration in its largest whole unit (ms, s, min, h, d), at most two decimals: 10 ms, 1.5 h, 2 d. */
    static String duration(long micros, Messages m) {
        if (micros == 0) {
            return "0";
        }
        long[] units = {D, H, MIN, S, MS};
        String[] keys = {"unit.d", "unit.h", "unit.min", "unit.s", "unit.ms"};
        for (int i = 0; i < units.length; i++) {
            if (micros >= units[i] || i == units.length - 1) {
                return m.text("chart.duration", Format.number((double) micros / units[i]), m.text(keys[i]));
            }
        }
        throw new AssertionError();
    }

    /** An instant as exactly as the narrative gives it: seconds with two decimals (0.36 s, 675.36 s). */
    static String instant(long micros, Messages m) {
        if (micros >= 100_000 * S) {
            return duration(micros, m);
        }
        return m.text("chart.duration", Format.seconds(micros), m.text("unit.s"));
    }

    /** The axis title: linear, logarithmic after tau, or logarithmic up to the knee and linear after. */
    String title(Messages m) {
        if (!logarithmic()) {
            return m.text("chart.axis.linear");
        }
        if (!hasKnee()) {
            return m.text("chart.axis.log", duration(tauMicros, m));
        }
        return m.text("chart.axis.knee", duration(kneeMicros, m));
    }
}
