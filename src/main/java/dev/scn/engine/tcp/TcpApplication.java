package dev.scn.engine.tcp;

/**
 * What runs above a socket: the scenario's plain sockets, an Apache-like server, a client.
 * Callbacks come from the socket layer at the instant the kernel would wake the process.
 */
public interface TcpApplication {

    /** connect() returned / accept() returned a new connection. */
    default void established(TcpSocket socket) {
    }

    /** Bytes are waiting in the receive buffer ({@link TcpSocket#available()}). */
    default void readable(TcpSocket socket) {
    }

    /**
     * read() would return 0: the peer's FIN arrived. Called as the woken process runs, after the
     * kernel has processed (and acknowledged) the FIN, never from inside tcp_input.
     */
    default void endOfStream(TcpSocket socket) {
    }

    /** Everything the application wrote is in the send buffer or beyond. */
    default void writeCompleted(TcpSocket socket) {
    }

    /** The connection is gone (reset, timed out, or closed after the application let go). */
    default void terminated(TcpSocket socket, CloseReason reason) {
    }

    /** A listening socket's per-connection application factory. */
    @FunctionalInterface
    interface Factory {
        TcpApplication forConnection(TcpSocket socket);

        /**
         * Whether an application this factory made and never called is done with nothing to do
         * when its connection ends: then the fast way need not make one for a replayed connection
         * nobody looks at (ReplayedTimeWait).
         */
        default boolean freshSessionEndsSilently() {
            return false;
        }
    }

    /** How a connection ended, as errno would tell the process. */
    enum CloseReason {
        /** Orderly end: TIME_WAIT done, LAST_ACK acked, FIN_WAIT_2 timer. */
        CLOSED,
        /** ECONNRESET: an RST arrived. */
        RESET,
        /** ECONNREFUSED: RST in answer to our SYN. */
        REFUSED,
        /** ETIMEDOUT: retransmissions or keepalives gave up, or connect timed out. */
        TIMED_OUT,
        /** The application aborted (SO_LINGER 0) or the state was lost (forget, crash). */
        ABORTED
    }
}
