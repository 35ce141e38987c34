package dev.scn.drill;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code %{ assert tcpi_… == … }%} blocks of the suite: packetdrill runs them in Python
 * with the socket under test's TCP_INFO; scn answers the comparisons the suite uses, on
 * {@code tcpi_state} (by FreeBSD's state name) and {@code tcpi_options} (a number).
 */
final class TcpInfoAssertions {
    private static final Pattern ASSERT = Pattern.compile("\\s*assert\\s+(tcpi_\\w+)\\s*==\\s*(\\w+)\\s*");

    /** What TCP_INFO answers for the socket under test; state as TCPI_ name suffix, e.g. SYN_RECEIVED. */
    record Info(String state, long options) {
    }

    private TcpInfoAssertions() {
    }

    /** @return null when the assertion holds, else packetdrill's complaint */
    static String check(String code, Info info) {
        Matcher m = ASSERT.matcher(code);
        if (!m.matches()) {
            throw new UnsupportedFeature("Python code other than `assert tcpi_FIELD == VALUE`: " + code.strip());
        }
        if (info == null) {
            return "AssertionError: no socket under test for " + code.strip();
        }
        String field = m.group(1);
        String wanted = m.group(2);
        String actual = switch (field) {
            case "tcpi_state" -> "TCPI_" + info.state();
            case "tcpi_options" -> Long.toString(info.options());
            default -> throw new UnsupportedFeature("TCP_INFO field " + field);
        };
        return actual.equals(wanted) ? null
                : "AssertionError: " + code.strip() + " (" + field + " is " + actual + ")";
    }
}
