package dev.scn.fact;

/** Time as the trace and the reports print it. */
public final class Times {
    private static final long MICROS = 1_000_000L;

    private Times() {
    }

    /** A compact human form such as {@code 1d02h03m04.5s}, used in logs and traces. */
    public static String human(long micros) {
        StringBuilder out = new StringBuilder();
        long rest = micros;
        if (rest < 0) {
            out.append('-');
            rest = -rest;
        }
        long days = rest / (86_400L * MICROS);
        rest -= days * 86_400L * MICROS;
        long hours = rest / (3_600L * MICROS);
        rest -= hours * 3_600L * MICROS;
        long minutes = rest / (60L * MICROS);
        rest -= minutes * 60L * MICROS;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        long secs = rest / MICROS;
        long frac = rest % MICROS;
        if (frac == 0) {
            if (secs > 0 || out.length() == 0 || (out.length() == 1 && out.charAt(0) == '-')) {
                out.append(secs).append('s');
            }
        } else {
            String digits = String.format(java.util.Locale.ROOT, "%06d", frac).replaceAll("0+$", "");
            out.append(secs).append('.').append(digits).append('s');
        }
        return out.toString();
    }
}
