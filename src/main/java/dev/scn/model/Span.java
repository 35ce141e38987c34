package dev.scn.model;

/**
 * Where something is in a source file: 1-based line and column (a CJK character counts as one
 * column here; the diagnostic printer widens it), and the length in characters of the text.
 */
public record Span(String file, int line, int column, int length) {
    public static final Span NONE = new Span("", 0, 0, 0);
}
