package dev.scn.engine.ipfw;

import java.util.List;

/**
 * Ports of a rule: single ports, ranges {@code a-b} and comma lists (O_IP_SRCPORT/O_IP_DSTPORT).
 *
 * @param ranges pairs {low, high}
 */
public record PortSpec(List<int[]> ranges) {

    public boolean matches(int port) {
        for (int[] r : ranges) {
            if (port >= r[0] && port <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** print_newports (ipfw2.c): "80", "1024-65535", "25,80,110"; numeric unless -N. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (int[] r : ranges) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(r[0]);
            if (r[1] != r[0]) {
                out.append('-').append(r[1]);
            }
        }
        return out.toString();
    }
}
