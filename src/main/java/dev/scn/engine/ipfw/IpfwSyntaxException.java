package dev.scn.engine.ipfw;

/**
 * An {@code ipfw} command line the modelled subset cannot express, or that ipfw(8) itself would
 * refuse. Carries the 0-based index of the offending word so a caller can put a caret under it.
 */
public final class IpfwSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int wordIndex;

    public IpfwSyntaxException(int wordIndex, String message) {
        super(message);
        this.wordIndex = wordIndex;
    }

    /** Index of the offending word in the token list (the words after {@code ipfw}). */
    public int wordIndex() {
        return wordIndex;
    }
}
