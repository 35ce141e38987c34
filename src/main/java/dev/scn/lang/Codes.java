package dev.scn.lang;

/**
 * Diagnostic codes of the language front end. Codes are stable: they index message texts in the
 * bundles and tests pin them.
 *
 * <pre>
 * E00xx  the file itself (ScenarioParser, SourceFiles, the CLI's loader)
 *   E0001  no such file, a directory, or unreadable
 *   E0002  not valid UTF-8
 *   E0003  larger than SourceFiles.MAX_BYTES (16 MiB), or a device or pipe that gives more
 * E01xx  lexical and syntax errors (ScenarioParser, SyntaxErrors)
 *   E0100  unexpected character
 *   E0101  unterminated string
 *   E0102  expected a duration
 *   E0103  expected a size
 *   E0104  expected a number (integer, percentage, rate)
 *   E0105  expected an address (IPv4, CIDR, host:port)
 *   E0106  expected a name
 *   E0107  expected a text "..."
 *   E0108  incomplete sysctl or ipfw command
 *   E0109  expected '}' to close a block, or a line that does not belong in that block
 *   E0110  expected a comparison or an expectation subject
 *   E0111  any other syntax error (expected X, found Y)
 *   E0112  expected tcpdump flags (S, S., [F.]); brackets around them do not nest
 * E02xx  builder errors (ModelBuilder): the text parses but its value does not make sense
 *   E0201  number too large (integers, durations in microseconds, sizes in bytes)
 *   E0202  duration without a unit (only 0 may be written bare)
 *   E0203  bad tcpdump flag letters
 *   E0204  relative time ('at +T', 'within D' without 'at') before any timeline line
 *   E0205  sysctl value is not an integer
 *   E0206  unknown TCP state name
 *   E0207  percentage above 100
 *   E0208  value out of range (port, mtu, window, length, CIDR prefix, address byte)
 *   E0209  more than one scenario in a file
 *   E0210  scenario without a 'run' line
 *   E0211  bad escape in a string
 *   E0212  time window ends before it starts ('every ... from ... until', 'during a..b')
 *   E0213  'within' or 'always' before something other than 'expect', or with 'every'
 *   E0214  the same setting or text given twice
 *   E0215  a file without a scenario
 *   E0216  an injection without a port on one end
 *   E0217  a sequence variable that does not exist, or one outside 'inject NAME to H'
 *   E0218  'within' or 'always' on an expectation about an instant ('leaves', 'enters', 'first at')
 * </pre>
 */
public final class Codes {
    public static final String TOO_LARGE = "E0003";

    public static final String UNEXPECTED_CHAR = "E0100";
    public static final String UNTERMINATED_STRING = "E0101";
    public static final String EXPECTED_DURATION = "E0102";
    public static final String EXPECTED_SIZE = "E0103";
    public static final String EXPECTED_NUMBER = "E0104";
    public static final String EXPECTED_ADDRESS = "E0105";
    public static final String EXPECTED_NAME = "E0106";
    public static final String EXPECTED_TEXT = "E0107";
    public static final String INCOMPLETE_COMMAND = "E0108";
    public static final String BLOCK = "E0109";
    public static final String EXPECTED_EXPECTATION = "E0110";
    public static final String SYNTAX = "E0111";
    public static final String EXPECTED_FLAGS = "E0112";

    public static final String NUMBER_TOO_LARGE = "E0201";
    public static final String DURATION_WITHOUT_UNIT = "E0202";
    public static final String BAD_FLAGS = "E0203";
    public static final String RELATIVE_BEFORE_ANY_LINE = "E0204";
    public static final String SYSCTL_NOT_INTEGER = "E0205";
    public static final String UNKNOWN_STATE = "E0206";
    public static final String PERCENT_RANGE = "E0207";
    public static final String OUT_OF_RANGE = "E0208";
    public static final String SECOND_SCENARIO = "E0209";
    public static final String NO_RUN = "E0210";
    public static final String BAD_ESCAPE = "E0211";
    public static final String EMPTY_WINDOW = "E0212";
    public static final String WINDOW_WITH_EVERY = "E0213";
    public static final String DUPLICATE = "E0214";
    public static final String NO_SCENARIO = "E0215";
    public static final String INJECT_WITHOUT_PORT = "E0216";
    public static final String SEQ_VARIABLE = "E0217";
    public static final String QUALIFIED_INSTANT = "E0218";

    private Codes() {
    }
}
