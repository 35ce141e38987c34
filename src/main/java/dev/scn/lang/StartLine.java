package dev.scn.lang;

import dev.scn.lang.antlr.ScnParser;
import dev.scn.model.Scenario;
import dev.scn.model.Span;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A scenario's {@code start DATE [HH:MM:SS]} line: the UTC wall-clock instant at simulated time
 * 0, which tcpdump's time of day and pcap timestamps are counted from. Without the line a
 * scenario starts at {@link Scenario#DEFAULT_START}. Immutable: {@link #given} returns the
 * state after one more line.
 */
final class StartLine {
    static final StartLine NONE = new StartLine(null, Scenario.DEFAULT_START);

    /** pcap-savefile(5) keeps ts_sec in 32 unsigned bits: the run must end by 2106-02-07 06:28:15 UTC. */
    private static final long LAST_PCAP_SECOND = 0xffff_ffffL;

    private final Span span;
    private final long epochSeconds;

    private StartLine(Span span, long epochSeconds) {
        this.span = span;
        this.epochSeconds = epochSeconds;
    }

    /** This scenario's start after the line {@code ctx}; a bad or second line is reported. */
    StartLine given(ScnParser.StartItemContext ctx, String file, Diagnostics diagnostics) {
        Span where = Tokens.span(file, ctx);
        if (span != null) {
            diagnostics.error(Codes.DUPLICATE, where, "'start' is given twice", "keep one start line");
        }
        String date = ctx.DATE().getText();
        String time = ctx.TIME_OF_DAY() == null ? "00:00:00" : ctx.TIME_OF_DAY().getText();
        try {
            long seconds = LocalDate.parse(date).atTime(LocalTime.parse(time)).toEpochSecond(ZoneOffset.UTC);
            if (seconds < 0) {
                diagnostics.error(Codes.OUT_OF_RANGE, where, "start " + date + " is before 1970-01-01",
                        "pcap timestamps count seconds from 1970-01-01 00:00:00 UTC");
                return new StartLine(where, Scenario.DEFAULT_START);
            }
            return new StartLine(where, seconds);
        } catch (DateTimeException e) {
            diagnostics.error(Codes.OUT_OF_RANGE, where, "'" + date + " " + time + "' is not a date and time",
                    "write start YYYY-MM-DD HH:MM:SS (UTC), e.g. start 2005-06-01 10:00:00");
            return new StartLine(where, Scenario.DEFAULT_START);
        }
    }

    /** The start in seconds since 1970 (UTC); reported when the run would end past a pcap timestamp's range. */
    long epochSeconds(long runMicros, Diagnostics diagnostics) {
        long endSeconds = epochSeconds + Math.max(0, runMicros) / 1_000_000L;
        if (span != null && endSeconds > LAST_PCAP_SECOND) {
            diagnostics.error(Codes.OUT_OF_RANGE, span, "the run would end after 2106-02-07 06:28:15 UTC",
                    "pcap timestamps hold 32 bits of seconds; start earlier or run shorter");
            return Scenario.DEFAULT_START;
        }
        return epochSeconds;
    }
}
