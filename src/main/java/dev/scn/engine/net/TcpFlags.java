package dev.scn.engine.net;

/** TCP header flag bits (netinet/tcp.h) and their tcpdump spelling. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PUSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    private TcpFlags() {
    }

    /**
     * tcpdump 4.x's bracketed form: S, F, P, R, U in that order, then '.' for ACK; "none" when
     * no flag is set ({@code print-tcp.c} tcp_flag_values).
     */
    public static String tcpdump(int flags) {
        StringBuilder out = new StringBuilder(4);
        if ((flags & SYN) != 0) {
            out.append('S');
        }
        if ((flags & FIN) != 0) {
            out.append('F');
        }
        if ((flags & PUSH) != 0) {
            out.append('P');
        }
        if ((flags & RST) != 0) {
            out.append('R');
        }
        if ((flags & URG) != 0) {
            out.append('U');
        }
        if ((flags & ACK) != 0) {
            out.append('.');
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    /** Parses tcpdump letters ("S.", "F.", "R", "P.") into flag bits. */
    public static int parseTcpdump(String letters) {
        int flags = 0;
        for (int i = 0; i < letters.length(); i++) {
            flags |= switch (letters.charAt(i)) {
                case 'S' -> SYN;
                case 'F' -> FIN;
                case 'P' -> PUSH;
                case 'R' -> RST;
                case 'U' -> URG;
                case '.' -> ACK;
                default -> throw new IllegalArgumentException("unknown tcpdump flag letter '" + letters.charAt(i)
                        + "' in [" + letters + "]; use S F P R U and . for ACK");
            };
        }
        return flags;
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
