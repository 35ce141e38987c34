package dev.scn.engine.tcp;

/** Serial-number comparisons on 32-bit sequence numbers (netinet/tcp_seq.h SEQ_LT etc.). */
final class Seq {
    private Seq() {
    }

    static boolean lt(int a, int b) {
        return a - b < 0;
    }

    static boolean leq(int a, int b) {
        return a - b <= 0;
    }

    static boolean gt(int a, int b) {
        return a - b > 0;
    }

    static boolean geq(int a, int b) {
        return a - b >= 0;
    }

    static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }
}
