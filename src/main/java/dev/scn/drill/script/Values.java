package dev.scn.drill.script;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers of a script with packetdrill's range checks (parser.y: is_valid_u32, is_valid_u16,
 * is_valid_u8): a number out of its field's range is E0121 and reads as 0 so the build goes on.
 */
final class Values {
    static final long U8 = 0xffL;
    static final long U16 = 0xffffL;
    static final long U32 = 0xffff_ffffL;
    /** Times up to a day: packetdrill keeps microseconds in an s64; a day is far beyond any test. */
    static final long MAX_TIME_US = 86_400_000_000L;

    private final String file;
    private final Diagnostics diagnostics;

    Values(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** A decimal or 0x number token, at most {@code max}; {@code what} names the field in the message. */
    long unsigned(Token t, long max, String what) {
        String text = t.getText();
        long value;
        try {
            value = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = -1; // too large for 64 bits
        }
        if (value < 0 || value > max) {
            error(t, String.format(Locale.ROOT, "%s out of range: %s (at most %,d)", what, text, max), null);
            return 0;
        }
        return value;
    }

    /** Any 64-bit number (syscall values); too large is E0121. */
    long signed(Token t, boolean negative) {
        String text = t.getText();
        try {
            long v = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            error(t, "number too large: " + text, "values are 64-bit integers");
            return 0;
        }
    }

    /** Seconds as written (0.10, 3) in microseconds, truncated like packetdrill's (s64)(secs * 1e6). */
    long micros(Token t) {
        BigDecimal us = new BigDecimal(t.getText()).movePointRight(6).setScale(0, RoundingMode.DOWN);
        if (us.compareTo(BigDecimal.valueOf(MAX_TIME_US)) > 0) {
            error(t, "time out of range: " + t.getText() + " (at most 86400 seconds)", null);
            return 0;
        }
        return us.longValueExact();
    }

    void error(Token t, String message, String hint) {
        diagnostics.error(Code.DRILL_VALUE.id(), Spans.of(file, t), message, hint);
    }
}
