package dev.scn.lang;

/**
 * Every diagnostic code scn prints, in one table: the front end (E00xx file, E01xx syntax, E02xx
 * values) and the validator (E03xx meaning, W03xx likely mistakes). Codes are stable: tests pin
 * them and README "Diagnostics" lists each one (a test checks both).
 */
public enum Code {
    NO_FILE("E0001", "no such file, a directory, or unreadable"),
    NOT_UTF8("E0002", "not valid UTF-8"),
    TOO_LARGE("E0003", "larger than 16 MiB or 500,000 tokens, or a device or pipe that gives more"),

    UNEXPECTED_CHAR("E0100", "unexpected character"),
    UNTERMINATED_STRING("E0101", "unterminated string"),
    EXPECTED_DURATION("E0102", "expected a duration"),
    EXPECTED_SIZE("E0103", "expected a size"),
    EXPECTED_NUMBER("E0104", "expected a number (integer, percentage, rate)"),
    EXPECTED_ADDRESS("E0105", "expected an address (IPv4, CIDR, host:port)"),
    EXPECTED_NAME("E0106", "expected a name"),
    EXPECTED_TEXT("E0107", "expected a text \"...\""),
    INCOMPLETE_COMMAND("E0108", "incomplete sysctl or ipfw command"),
    BLOCK("E0109", "expected '}' to close a block, or a line that does not belong in that block"),
    EXPECTED_EXPECTATION("E0110", "expected a comparison or an expectation subject"),
    SYNTAX("E0111", "any other syntax error (expected X, found Y)"),
    EXPECTED_FLAGS("E0112", "expected tcpdump flags (S, S., [F.]); brackets do not nest"),
    DRILL_SYNTAX("E0120", "packetdrill script: syntax error (expected X, found Y)"),
    DRILL_VALUE("E0121", "packetdrill script: value out of range or inconsistent (sequence range and length, "
            + "TCP flag letter, time range)"),
    DRILL_MISPLACED("E0122", "packetdrill script: '*', a time range or '<...>' not on an outbound packet, "
            + "or an inbound packet without 'win'"),

    NUMBER_TOO_LARGE("E0201", "number too large"),
    DURATION_WITHOUT_UNIT("E0202", "duration without a unit (only 0 may be written bare)"),
    BAD_FLAGS("E0203", "bad tcpdump flag letters"),
    RELATIVE_BEFORE_ANY_LINE("E0204", "relative time before any timeline line"),
    SYSCTL_NOT_INTEGER("E0205", "sysctl value is not an integer"),
    UNKNOWN_STATE("E0206", "unknown TCP state name"),
    PERCENT_RANGE("E0207", "percentage above 100"),
    OUT_OF_RANGE("E0208", "value out of range (port, mtu, window, length, prefix, address byte)"),
    SECOND_SCENARIO("E0209", "more than one scenario in a file"),
    NO_RUN("E0210", "scenario without a 'run' line"),
    BAD_ESCAPE("E0211", "bad escape in a string"),
    EMPTY_WINDOW("E0212", "time window ends before it starts"),
    WINDOW_WITH_EVERY("E0213", "'within' or 'always' before something other than 'expect', or with 'every'"),
    DUPLICATE("E0214", "the same setting or text given twice"),
    NO_SCENARIO("E0215", "a file without a scenario"),
    REPLACE_OUTSIDE_VARIANT("E0216", "'replace' before something other than a variant's 'expect'"),
    INJECT_WITHOUT_PORT("E0217", "an injection without a port on one end"),
    SEQ_VARIABLE("E0218", "a sequence variable that does not exist, or one outside 'inject NAME to H'"),
    QUALIFIED_INSTANT("E0219", "'within' or 'always' on an expectation about an instant"),

    DUPLICATE_NAME("E0301", "a name declared twice"),
    UNKNOWN_HOST("E0302", "unknown host, traffic pool or interface"),
    UNKNOWN_CONNECTION("E0303", "unknown connection, or used before it exists"),
    TIME_BACKWARDS("E0304", "time going backwards"),
    NOT_A_RELEASE("E0305", "not a FreeBSD release, or no 'os' line"),
    UNKNOWN_SYSCTL("E0306", "sysctl unknown to the host's release"),
    SYSCTL_VALUE("E0307", "sysctl value refused (read-only or out of range)"),
    IPFW("E0308", "ipfw line outside the modelled subset"),
    BAD_ADDRESS("E0309", "bad or missing address"),
    BAD_EXPECTATION("E0310", "bad expectation"),
    LINK("E0311", "link or path rule problem (unknown end, declared twice, no link)"),
    TRAFFIC("E0312", "traffic problem (pool size, rate, shares)"),
    NONSENSE_VALUE("E0313", "a value that makes no sense"),
    ADDRESS_TAKEN("E0314", "an address taken twice, or a port listened on twice"),
    NO_PATH("E0315", "two hosts that talk have no link between them"),
    VARIANT("E0316", "a variant removes or replaces something the base does not have"),
    INJECT_NOT_AN_END("E0317", "'inject NAME to H' where H is not one of the connection's two hosts"),
    INJECT_TOUCHES_NO_HOST("E0318", "an injection whose two ends are addresses no host owns"),
    NO_IPFW("E0319", "an ipfw sysctl on a host without ipfw (no net.inet.ip.fw tree)"),

    APPROXIMATE_RELEASE("W0301", "release mapped to a nearby profile"),
    KEEP_STATE_WITHOUT_SETUP("W0302", "keep-state without setup"),
    KEEP_STATE_WITHOUT_CHECK_STATE("W0303", "keep-state without check-state before it"),
    RUN_TOO_SHORT("W0304", "run shorter than the timeline"),
    MTU_NOT_MODELLED("W0305", "mtu not modelled"),
    NOT_LISTENING("W0306", "connect to a port nobody listens on"),
    VARIANT_EXPECT_BESIDE_BASE("W0307", "a variant expectation beside a base one on the same subject and instant");

    private final String id;
    private final String summary;

    Code(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    public boolean isError() {
        return id.startsWith("E");
    }
}
