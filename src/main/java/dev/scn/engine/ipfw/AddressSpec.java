package dev.scn.engine.ipfw;

import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;

import java.util.List;

/**
 * A source or destination address of a rule: {@code any}, {@code me}, or a list of
 * address/prefix pairs, possibly negated with {@code not}.
 *
 * @param kind     any, me or a list
 * @param networks for LIST: pairs {address, prefix length}
 * @param negated  {@code not} in front
 */
public record AddressSpec(Kind kind, List<int[]> networks, boolean negated) {
    public static final AddressSpec ANY = new AddressSpec(Kind.ANY, List.of(), false);

    public enum Kind {
        ANY,
        ME,
        LIST
    }

    /**
     * ip_fw2.c ipfw_chk O_IP_SRC_ME/O_IP_DST_ME (an address of one of our interfaces) and
     * O_IP_SRC_MASK/O_IP_DST_MASK (any of the address/mask pairs); F_NOT inverts.
     */
    public boolean matches(Host host, int address) {
        boolean hit = switch (kind) {
            case ANY -> true;
            case ME -> host.owns(address);
            case LIST -> networks.stream().anyMatch(n -> Ipv4.inPrefix(address, n[0], n[1]));
        };
        return hit != negated;
    }

    /**
     * As show_ipfw's print_ip prints it (sbin/ipfw/ipfw2.c, 6.x): "me", "any" (when no opcode
     * was compiled), and for lists each "a.b.c.d" (/32) or "a.b.c.d/len" joined by commas.
     * UNVERIFIED: the comma-joined form of multi-address lists.
     */
    public String text() {
        String body = switch (kind) {
            case ANY -> "any";
            case ME -> "me";
            case LIST -> {
                StringBuilder out = new StringBuilder();
                for (int[] n : networks) {
                    if (out.length() > 0) {
                        out.append(',');
                    }
                    out.append(Ipv4.format(n[0] & (n[1] == 0 ? 0 : -1 << (32 - n[1]))));
                    if (n[1] != 32) {
                        out.append('/').append(n[1]);
                    }
                }
                yield out.toString();
            }
        };
        return negated ? "not " + body : body;
    }
}
