package dev.scn.model;

import java.util.List;

/**
 * A {@code host NAME { ... }} block.
 *
 * @param osVersion      the FreeBSD release written after {@code os freebsd}, e.g. "5.4"
 * @param addresses      dotted quads of the {@code ip} lines
 * @param interfaceName  the {@code interface} line, "em0" when absent
 * @param sysctls        {@code sysctl NAME=VALUE} lines in order
 * @param ipfw           {@code ipfw ...} lines in order
 * @param stray          {@code stray rst|drop}, RST when absent
 * @param listens        {@code listen PORT [APP]} lines
 */
public record HostDecl(String name, Span span, String osVersion, Span osSpan, List<Address> addresses,
                       String interfaceName, List<SysctlLine> sysctls, List<IpfwLine> ipfw, Stray stray,
                       List<Listen> listens) {

    public enum Stray { RST, DROP }

    /** An {@code ip ADDR} value. */
    public record Address(String dotted, Span span) {
    }

    /** {@code sysctl NAME=VALUE}; the value is an integer in the sysctl's own unit. */
    public record SysctlLine(String name, long value, Span nameSpan, Span valueSpan) {
    }

    /** An {@code ipfw} command line: the words after "ipfw" and where each one starts. */
    public record IpfwLine(List<String> words, List<Span> wordSpans, Span span) {
        public String text() {
            return String.join(" ", words);
        }
    }

    /** {@code listen PORT [APP]}. */
    public record Listen(int port, App app, Span span) {
    }

    /** What serves an accepted connection. */
    public sealed interface App {
    }

    /** Accepts and reads; the timeline drives nothing else. */
    public record PlainApp() implements App {
    }

    /**
     * {@code http { request SIZE response SIZE then close|shutdown|linger D|wait-for-client }}.
     *
     * @param lingerMicros for {@code linger D}
     */
    public record HttpApp(long requestBytes, long responseBytes, Ending ending, long lingerMicros) implements App {
        public enum Ending { CLOSE, SHUTDOWN, LINGER, WAIT_FOR_CLIENT }
    }
}
