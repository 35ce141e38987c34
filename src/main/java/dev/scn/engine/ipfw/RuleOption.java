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

    /**
     * {@code limit {src-addr|src-port|dst-addr|dst-port}... N} (O_LIMIT): at most N sessions per
     * value of the masked fields. Mask bits as ip_fw.h DYN_SRC_ADDR 0x1, DYN_SRC_PORT 0x2,
     * DYN_DST_ADDR 0x4, DYN_DST_PORT 0x8.
     */
    record Limit(int mask, int count) implements RuleOption {
        public static final int SRC_ADDR = 0x1;
        public static final int SRC_PORT = 0x2;
        public static final int DST_ADDR = 0x4;
        public static final int DST_PORT = 0x8;

        /** As ipfw(8)'s show_ipfw prints it: " limit src-addr,dst-port 10" (limit_masks order). */
        public String text() {
            StringBuilder out = new StringBuilder("limit");
            String sep = " ";
            String[] names = {"src-addr", "src-port", "dst-addr", "dst-port"};
            int[] bits = {SRC_ADDR, SRC_PORT, DST_ADDR, DST_PORT};
            for (int i = 0; i < bits.length; i++) {
                if ((mask & bits[i]) != 0) {
                    out.append(sep).append(names[i]);
                    sep = ",";
                }
            }
            return out.append(' ').append(count).toString();
        }
    }
}
