package dev.scn.drill;

import dev.scn.engine.net.Packet;

import java.util.Locale;

/**
 * The ECN marks of a packetdrill line ({@code [noecn]}, {@code [ect0]}, {@code [ect1]},
 * {@code [ce]}, {@code [ect01]}) as IP ECN codepoints. packetdrill's ect01 on an outbound line
 * accepts either ECT codepoint; injected, it is sent as ECT(0) here (packetdrill picks one).
 */
final class ScriptEcn {
    private ScriptEcn() {
    }

    static int codepoint(String mark) {
        return switch (mark.toLowerCase(Locale.ROOT)) {
            case "noecn" -> Packet.ECN_NOT_ECT;
            case "ect1" -> Packet.ECN_ECT1;
            case "ect0", "ect01" -> Packet.ECN_ECT0;
            case "ce" -> Packet.ECN_CE;
            default -> throw new UnsupportedFeature("ECN mark [" + mark + "]");
        };
    }

    static boolean matches(String mark, int live) {
        if ("ect01".equalsIgnoreCase(mark)) {
            return live == Packet.ECN_ECT0 || live == Packet.ECN_ECT1;
        }
        return codepoint(mark) == live;
    }

    static String name(int codepoint) {
        return switch (codepoint) {
            case Packet.ECN_NOT_ECT -> "noecn";
            case Packet.ECN_ECT1 -> "ect1";
            case Packet.ECN_ECT0 -> "ect0";
            default -> "ce";
        };
    }
}
