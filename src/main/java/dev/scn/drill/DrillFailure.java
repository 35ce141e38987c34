package dev.scn.drill;

/** The script stops at a line: a segment, a call's result, a command or an assertion differed. */
final class DrillFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    DrillFailure(int line, String message) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}
