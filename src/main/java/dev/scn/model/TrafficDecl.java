package dev.scn.model;

import java.util.List;

/**
 * {@code traffic NAME from CIDR to H:PORT rate N/s during T1..T2 { request S response S  P% BEHAVIOUR ... }}.
 *
 * @param ratePerSecond mean arrivals per second (Poisson)
 */
public record TrafficDecl(String name, String network, int prefixLength, String target, int port,
                          double ratePerSecond, long fromMicros, long untilMicros, long requestBytes,
                          long responseBytes, List<Share> shares, Span span, Span targetSpan) {

    /** {@code P% BEHAVIOUR [D]}. */
    public record Share(double percent, Behaviour behaviour, long parameterMicros, Span span) {
    }

    /** How a client of the mix ends its connection. */
    public enum Behaviour {
        /** Reads the response and closes properly. */
        NORMAL,
        /** Disappears after the response: no FIN, no RST, silent to strays. */
        VANISH,
        /** Aborts with RST after the response. */
        RESET,
        /** Closes properly but its FIN is lost on the way. */
        LOSE_FIN,
        /** Closes D after the response. */
        SLOW_CLOSE,
        /** Stays idle D after connecting before sending its request. */
        IDLE,
        /**
         * A spoofed SYN: one SYN from an address of the pool, then nothing (no ACK, no RST, no
         * retransmission), as a SYN flood from addresses where no host answers.
         */
        SYN_ONLY
    }
}
