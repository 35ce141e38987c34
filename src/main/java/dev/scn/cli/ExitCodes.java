package dev.scn.cli;

/** scn's exit codes, listed in every command's help. */
final class ExitCodes {
    /** Everything parsed and every expectation held. */
    static final int OK = 0;
    /** Some expectation failed. */
    static final int EXPECTATION_FAILED = 1;
    /** Bad input (syntax, validation, files), a bound of the run was hit, or the run was interrupted. */
    static final int BAD_INPUT = 2;

    static final String HELP = "%nExit codes:%n  0  every expectation held%n  1  an expectation failed%n"
            + "  2  bad input, unreadable file, a bound of the run hit (--max-events), interrupted (Ctrl-C,%n"
            + "     SIGTERM), or report's output folder in use by another report%n";

    private ExitCodes() {
    }
}
