package dev.scn.engine.net;

/** TCP header flag bits (netinet/tcp.h) and their tcpdump spelling. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PUSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    /** TH_ECE, ECN-Echo (RFC 3168 §6.1; netinet/tcp.h), printed E by tcpdump. */
    public static final int ECE = 0x40;
    /** TH_CWR, Congestion Window Reduced (RFC 3168 §6.1; netinet/tcp.h), printed W by tcpdump. */
    public static final int CWR = 0x80;

    private TcpFlags() {
    }

    /**
     * tcpdump's bracketed form: the letters of print-tcp.c's tcp_flag_values in table order
     * F S R P . U E W, joined without separator (bittok2str_nosep), "none" when no bit is set.
     * So SYN|ACK is "S.", FIN|PUSH|ACK is "FP.".
     */
    public static String tcpdump(int flags) {
        StringBuilder out = new StringBuilder(4);
        appendIf(out, flags, FIN, 'F');
        appendIf(out, flags, SYN, 'S');
        appendIf(out, flags, RST, 'R');
        appendIf(out, flags, PUSH, 'P');
        appendIf(out, flags, ACK, '.');
        appendIf(out, flags, URG, 'U');
        appendIf(out, flags, ECE, 'E');
        appendIf(out, flags, CWR, 'W');
        return out.length() == 0 ? "none" : out.toString();
    }

    private static void appendIf(StringBuilder out, int flags, int bit, char letter) {
        if ((flags & bit) != 0) {
            out.append(letter);
        }
    }

    /** Parses tcpdump letters ("S.", "F.", "R", "P.", "SEW") into flag bits. */
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
                case 'E' -> ECE;
                case 'W' -> CWR;
                default -> throw new IllegalArgumentException("unknown tcpdump flag letter '" + letters.charAt(i)
                        + "' in [" + letters + "]; use S F P R U E W and . for ACK");
            };
        }
        return flags;
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
