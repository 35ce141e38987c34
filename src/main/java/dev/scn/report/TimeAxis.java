package dev.scn.report;

/**
 * The unit and tick step of a time axis for a run of a given length: seconds up to 2 min,
 * minutes up to 2 h, hours up to 3 d, days beyond.
 */
record TimeAxis(String unitKey, long unitMicros, double step) {
    private static final long S = 1_000_000L;

    static TimeAxis forLength(long micros) {
        long unit;
        String key;
        if (micros <= 120 * S) {
            unit = S;
            key = "unit.s";
        } else if (micros <= 2 * 3600 * S) {
            unit = 60 * S;
            key = "unit.min";
        } else if (micros <= 3 * 86_400 * S) {
            unit = 3600 * S;
            key = "unit.h";
        } else {
            unit = 86_400 * S;
            key = "unit.d";
        }
        double span = Math.max(1e-9, (double) micros / unit);
        return new TimeAxis(key, unit, niceStep(span / 8));
    }

    /** 1, 2, 5 or 6 (for time: 6, 12 hours) times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
