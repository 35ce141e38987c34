package dev.scn.model;

/**
 * What a timeline line does. Host and connection names are as written; the validator checks
 * they exist.
 */
public sealed interface Action {

    /** {@code H connect H2:PORT as NAME}. */
    record Connect(String host, String target, int port, String name, Span hostSpan, Span targetSpan, Span nameSpan)
            implements Action {
    }

    /** {@code NAME send SIZE}. */
    record Send(String connection, long bytes, Span connectionSpan) implements Action {
    }

    /** {@code NAME recv}: read what is waiting. */
    record Recv(String connection, Span connectionSpan) implements Action {
    }

    /** {@code NAME shutdown}. */
    record Shutdown(String connection, Span connectionSpan) implements Action {
    }

    /** {@code NAME close}. */
    record Close(String connection, Span connectionSpan) implements Action {
    }

    /** {@code NAME abort}: close with SO_LINGER 0, RST. */
    record Abort(String connection, Span connectionSpan) implements Action {
    }

    /** {@code H forget NAME}: the state vanishes silently. */
    record Forget(String host, String connection, Span hostSpan, Span connectionSpan) implements Action {
    }

    /** {@code H crash|reboot|down|up}. */
    record HostEvent(String host, Kind kind, Span hostSpan) implements Action {
        public enum Kind { CRASH, REBOOT, DOWN, UP }
    }

    /** {@code on H sysctl NAME=VALUE}. */
    record Sysctl(String host, String name, long value, Span hostSpan, Span nameSpan, Span valueSpan)
            implements Action {
    }

    /** {@code on H ipfw ...}. */
    record Ipfw(String host, HostDecl.IpfwLine line, Span hostSpan) implements Action {
    }

    /** {@code on H ifconfig IF down|up}. */
    record Ifconfig(String host, String interfaceName, boolean up, Span hostSpan, Span interfaceSpan)
            implements Action {
    }

    /** {@code link A B down|up}. */
    record LinkState(String a, String b, boolean up, Span aSpan, Span bSpan) implements Action {
    }

    /** {@code inject A[:P]->B[:Q] tcp [FLAGS] seq S ack A win W len L}. */
    record Inject(String from, int fromPort, String to, int toPort, int tcpFlags, long seq, long ack, int window,
                  int length, Span fromSpan, Span toSpan) implements Action {
    }

    /** {@code sample H}: record netstat and ipfw -d show for reports. */
    record Sample(String host, Span hostSpan) implements Action {
    }

    /** {@code show H netstat|ipfw|sysctl [PATTERN]}. */
    record Show(String host, Tool tool, String pattern, Span hostSpan) implements Action {
        public enum Tool { NETSTAT, IPFW, SYSCTL }
    }

    /** An expectation; see {@link Expectation}. */
    record Expect(Expectation expectation) implements Action {
    }
}
