package dev.scn.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Values written in a scenario, from token text to numbers and strings. Overflow and nonsense
 * raise {@link BadLiteral}; {@link ModelBuilder} turns it into a diagnostic on the token.
 */
final class Literals {
    static final long MICROS_PER_MS = 1_000L;
    static final long MICROS_PER_S = 1_000_000L;

    private Literals() {
    }

    /** A literal the builder cannot accept: the code, message and hint of the diagnostic. */
    static final class BadLiteral extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final String hint;

        BadLiteral(String code, String message, String hint) {
            super(message, null, false, false);
            this.code = code;
            this.hint = hint;
        }
    }

    static long integer(String digits) throws BadLiteral {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BadLiteral(Codes.NUMBER_TOO_LARGE, "number " + digits + " is too large",
                    "the largest is " + Long.MAX_VALUE);
        }
    }

    /**
     * {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}, {@code 1w}, {@code 1h30m},
     * {@code 675.36s}, {@code 250us}, bare {@code 0}. Decimals are exact (no floating point) and
     * may not go below a microsecond.
     */
    static long durationMicros(String text) throws BadLiteral {
        long total = 0;
        int i = 0;
        try {
            while (i < text.length()) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                String whole = text.substring(start, i);
                String fraction = "";
                if (i < text.length() && text.charAt(i) == '.') {
                    int fractionStart = ++i;
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    fraction = text.substring(fractionStart, i);
                }
                int unitStart = i;
                while (i < text.length() && !Character.isDigit(text.charAt(i))) {
                    i++;
                }
                String unit = text.substring(unitStart, i);
                if (unit.isEmpty()) {
                    if (integer(whole) != 0 || !fraction.isEmpty()) {
                        throw new BadLiteral(Codes.DURATION_WITHOUT_UNIT, "duration " + text + " has no unit",
                                "write " + text + "s, " + text + "ms or " + text + "m");
                    }
                    continue;
                }
                total = Math.addExact(total, part(text, whole, fraction, unitMicros(unit)));
            }
        } catch (ArithmeticException e) {
            throw new BadLiteral(Codes.NUMBER_TOO_LARGE, "duration " + text + " is too large",
                    "durations are counted in microseconds and must stay below about 292000 years");
        }
        return total;
    }

    /** whole.fraction units, in microseconds, exactly. */
    private static long part(String text, String whole, String fraction, long unit) throws BadLiteral {
        long micros = Math.multiplyExact(integer(whole), unit);
        if (fraction.isEmpty()) {
            return micros;
        }
        java.math.BigInteger scaled = new java.math.BigInteger(fraction).multiply(java.math.BigInteger.valueOf(unit));
        java.math.BigInteger[] split = scaled.divideAndRemainder(java.math.BigInteger.TEN.pow(fraction.length()));
        if (split[1].signum() != 0) {
            throw new BadLiteral(Codes.OUT_OF_RANGE, "duration " + text + " is finer than a microsecond",
                    "the clock counts microseconds: use at most " + digitsFor(unit) + " decimals with this unit");
        }
        return Math.addExact(micros, split[0].longValueExact());
    }

    private static int digitsFor(long unit) {
        int digits = 0;
        for (long u = unit; u % 10 == 0 && u > 1; u /= 10) {
            digits++;
        }
        return digits;
    }

    private static long unitMicros(String unit) {
        return switch (unit) {
            case "us" -> 1;
            case "ms" -> MICROS_PER_MS;
            case "s" -> MICROS_PER_S;
            case "m" -> 60 * MICROS_PER_S;
            case "h" -> 3_600 * MICROS_PER_S;
            case "d" -> 86_400 * MICROS_PER_S;
            case "w" -> 604_800 * MICROS_PER_S;
            default -> throw new IllegalArgumentException("lexer let through unit " + unit);
        };
    }

    /** Bytes: {@code 300}, {@code 20k} (x1024), {@code 1m} (x1048576). */
    static long sizeBytes(String text) throws BadLiteral {
        char last = text.charAt(text.length() - 1);
        long factor = switch (last) {
            case 'k', 'K' -> 1024L;
            case 'm' -> 1024L * 1024L;
            default -> 1L;
        };
        String digits = factor == 1 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.multiplyExact(integer(digits), factor);
        } catch (ArithmeticException | BadLiteral e) {
            throw new BadLiteral(Codes.NUMBER_TOO_LARGE, "size " + text + " is too large", null);
        }
    }

    /** The value of a {@code "..."} literal: quotes removed, {@code \" \\ \n \t} unescaped. */
    static String quoted(String token) throws BadLiteral {
        String body = token.substring(1, token.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case '"', '\\' -> out.append(next);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> throw new BadLiteral(Codes.BAD_ESCAPE, "unknown escape \\" + next + " in a string",
                        "the escapes are \\\" \\\\ \\n and \\t");
            }
        }
        return out.toString();
    }

    /**
     * The value of a {@code """..."""} literal: the text between the quotes with the common
     * indentation of its continuation lines removed, a first or last line that is blank dropped,
     * lines joined with {@code \n}, except that a line break between two CJK characters vanishes
     * (Chinese has no spaces between words, and a browser shows {@code \n} as a space). No escapes.
     */
    static String tripleQuoted(String token) {
        String body = token.substring(3, token.length() - 3);
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        lines.set(0, lines.get(0).strip());
        int indent = Integer.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            lines.set(i, line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        if (lines.size() > 1 && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder joined = new StringBuilder(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean betweenCjk = !line.isEmpty() && joined.length() > 0
                    && isCjk(joined.codePointBefore(joined.length())) && isCjk(line.codePointAt(0));
            if (!betweenCjk) {
                joined.append('\n');
            }
            joined.append(line);
        }
        return joined.toString();
    }

    /**
     * Han, kana, bopomofo and CJK or full-width punctuation: the characters between which CSS Text 3
     * removes a segment break (East Asian Width F, W or H; Hangul, written with spaces, is not one).
     */
    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HANGUL) {
            return false;
        }
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.BOPOMOFO) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || block == Character.UnicodeBlock.VERTICAL_FORMS;
    }
}
