package dev.scn.engine.ipfw;

/** The match options of a rule, in the order the operator typed them (and ipfw prints them). */
public sealed interface RuleOption {

    /** {@code setup}: O_TCPFLAGS with SYN set and ACK clear. */
    record Setup() implements RuleOption {
    }

    /** {@code established}: O_ESTAB, RST or ACK set. */
    record Established() implements RuleOption {
    }

    /** {@code in} / {@code out}: O_IN (F_NOT for out). */
    record Way(boolean in) implements RuleOption {
    }

    /** {@code via|recv|xmit IF}: O_VIA, O_RECV, O_XMIT. */
    record Iface(String keyword, String name) implements RuleOption {
    }

    /** {@code tcpflags LIST}: bits that must be set and bits that must be clear. */
    record TcpFlagsOption(int set, int clear) implements RuleOption {
    }
}
