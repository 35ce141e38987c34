package dev.scn.lang;

/**
 * The front end's codes as strings, for code that passes strings; the one table of codes, with
 * their summaries, is {@link Code}.
 */
public final class Codes {
    public static final String TOO_LARGE = Code.TOO_LARGE.id();

    public static final String UNEXPECTED_CHAR = Code.UNEXPECTED_CHAR.id();
    public static final String UNTERMINATED_STRING = Code.UNTERMINATED_STRING.id();
    public static final String EXPECTED_DURATION = Code.EXPECTED_DURATION.id();
    public static final String EXPECTED_SIZE = Code.EXPECTED_SIZE.id();
    public static final String EXPECTED_NUMBER = Code.EXPECTED_NUMBER.id();
    public static final String EXPECTED_ADDRESS = Code.EXPECTED_ADDRESS.id();
    public static final String EXPECTED_NAME = Code.EXPECTED_NAME.id();
    public static final String EXPECTED_TEXT = Code.EXPECTED_TEXT.id();
    public static final String INCOMPLETE_COMMAND = Code.INCOMPLETE_COMMAND.id();
    public static final String BLOCK = Code.BLOCK.id();
    public static final String EXPECTED_EXPECTATION = Code.EXPECTED_EXPECTATION.id();
    public static final String SYNTAX = Code.SYNTAX.id();
    public static final String EXPECTED_FLAGS = Code.EXPECTED_FLAGS.id();

    public static final String NUMBER_TOO_LARGE = Code.NUMBER_TOO_LARGE.id();
    public static final String DURATION_WITHOUT_UNIT = Code.DURATION_WITHOUT_UNIT.id();
    public static final String BAD_FLAGS = Code.BAD_FLAGS.id();
    public static final String RELATIVE_BEFORE_ANY_LINE = Code.RELATIVE_BEFORE_ANY_LINE.id();
    public static final String SYSCTL_NOT_INTEGER = Code.SYSCTL_NOT_INTEGER.id();
    public static final String UNKNOWN_STATE = Code.UNKNOWN_STATE.id();
    public static final String PERCENT_RANGE = Code.PERCENT_RANGE.id();
    public static final String OUT_OF_RANGE = Code.OUT_OF_RANGE.id();
    public static final String SECOND_SCENARIO = Code.SECOND_SCENARIO.id();
    public static final String NO_RUN = Code.NO_RUN.id();
    public static final String BAD_ESCAPE = Code.BAD_ESCAPE.id();
    public static final String EMPTY_WINDOW = Code.EMPTY_WINDOW.id();
    public static final String WINDOW_WITH_EVERY = Code.WINDOW_WITH_EVERY.id();
    public static final String DUPLICATE = Code.DUPLICATE.id();
    public static final String NO_SCENARIO = Code.NO_SCENARIO.id();
    public static final String REPLACE_OUTSIDE_VARIANT = Code.REPLACE_OUTSIDE_VARIANT.id();
    public static final String INJECT_WITHOUT_PORT = Code.INJECT_WITHOUT_PORT.id();
    public static final String SEQ_VARIABLE = Code.SEQ_VARIABLE.id();
    public static final String QUALIFIED_INSTANT = Code.QUALIFIED_INSTANT.id();

    private Codes() {
    }
}
