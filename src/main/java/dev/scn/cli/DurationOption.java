package dev.scn.cli;

import dev.scn.engine.kernel.SimTime;
import picocli.CommandLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a command-line duration as the language writes one: {@code 1d}, {@code 1h30m}, {@code 250ms}, {@code 90} (seconds). */
final class DurationOption implements CommandLine.ITypeConverter<Long> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    @Override
    public Long convert(String text) {
        if (text.matches("\\d+")) {
            return SimTime.seconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> SimTime.MICROS_PER_MILLI;
                case "s" -> SimTime.MICROS_PER_SECOND;
                case "m" -> 60 * SimTime.MICROS_PER_SECOND;
                case "h" -> 3_600 * SimTime.MICROS_PER_SECOND;
                case "d" -> 86_400 * SimTime.MICROS_PER_SECOND;
                default -> 604_800 * SimTime.MICROS_PER_SECOND;
            };
            total = Math.addExact(total, Math.multiplyExact(n, unit));
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 90s, 5m, 1h30m or 2d");
        }
        return total;
    }
}
