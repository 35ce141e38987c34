package dev.scn.model;

/** A filter on one direction of a path. */
public sealed interface PathRule {
    String from();

    String to();

    Span span();

    /** {@code drop on A->B tcp flags F [count N]}; count -1 = every such segment. */
    record Drop(String from, String to, int tcpFlags, long count, Span span) implements PathRule {
    }

    /** {@code blackhole A->B}. */
    record Blackhole(String from, String to, Span span) implements PathRule {
    }
}
