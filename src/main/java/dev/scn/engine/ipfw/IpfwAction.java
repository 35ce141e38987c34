package dev.scn.engine.ipfw;

/**
 * The action part of a static rule.
 *
 * @param kind   what the rule does when it matches
 * @param target the rule number of {@code skipto}, 0 otherwise
 */
public record IpfwAction(Kind kind, int target) {

    public static IpfwAction of(Kind kind) {
        return new IpfwAction(kind, 0);
    }

    /** Action opcodes of ip_fw2.c: O_ACCEPT, O_DENY, O_REJECT (RST), O_COUNT, O_CHECK_STATE, O_SKIPTO. */
    public enum Kind {
        ALLOW,
        DENY,
        RESET,
        COUNT,
        CHECK_STATE,
        SKIPTO
    }
}
