package dev.scn.observe;

import java.util.List;
import java.util.Objects;

/**
 * What {@code netstat -an -p tcp} prints for one TCP socket (one {@code struct xtcpcb} of
 * {@code net.inet.tcp.pcblist}). A listening socket has foreign address and port 0, printed
 * {@code *.*}; local address 0 is printed {@code *}.
 *
 * @param localAddress   IPv4 address as an unsigned int, 0 for INADDR_ANY
 * @param localPort      0..65535
 * @param foreignAddress IPv4 address, 0 when not connected
 * @param foreignPort    0..65535, 0 when not connected
 * @param recvQ          bytes in the receive buffer ({@code so_rcv.sb_cc})
 * @param sendQ          bytes in the send buffer ({@code so_snd.sb_cc})
 * @param state          the name as {@code tcpstates[]} of tcp_fsm.h spells it, e.g. {@code FIN_WAIT_2}
 */
public record SocketRow(int localAddress, int localPort, int foreignAddress, int foreignPort,
                        long recvQ, long sendQ, String state) {

    /** tcp_fsm.h {@code tcpstates[]}, indexed by TCPS_* (CLOSED = 0 ... TIME_WAIT = 10). */
    public static final List<String> TCP_STATES = List.of(
            "CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT",
            "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT");

    public SocketRow {
        Objects.requireNonNull(state, "state");
        if (!TCP_STATES.contains(state)) {
            throw new IllegalArgumentException("unknown TCP state '" + state + "'; expected one of " + TCP_STATES);
        }
        checkPort(localPort);
        checkPort(foreignPort);
        if (recvQ < 0 || sendQ < 0) {
            throw new IllegalArgumentException("negative queue length: Recv-Q " + recvQ + ", Send-Q " + sendQ);
        }
    }

    /** A socket in LISTEN on {@code *.port}. */
    public static SocketRow listening(int port) {
        return new SocketRow(0, port, 0, 0, 0, 0, "LISTEN");
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
