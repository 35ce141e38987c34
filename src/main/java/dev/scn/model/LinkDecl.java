package dev.scn.model;

/** {@code link A B [delay D] [jitter D] [loss P%] [mtu N]}; durations in microseconds. */
public record LinkDecl(String a, String b, long delayMicros, long jitterMicros, double lossPercent, int mtu,
                       Span span, Span aSpan, Span bSpan) {
}
