package dev.scn.engine.tcp;

/**
 * The socket an application holds. It models the parts of the socket layer that change TCP's
 * behaviour: a blocking writer (bytes wait in the application until the send buffer has room),
 * the receive buffer the window is computed from, and whether the process still holds the
 * descriptor (SS_NOFDREF after close).
 */
public final class TcpSocket {
    private final TcpConnection connection;
    private final String name;
    private TcpApplication application;
    private long pendingWrite;
    private boolean closeRequested;
    private boolean autoRead = true;

    TcpSocket(TcpConnection connection, String name, TcpApplication application) {
        this.connection = connection;
        this.name = name;
        this.application = application == null ? new TcpApplication() { } : application;
    }

    public String name() {
        return name;
    }

    public TcpConnection connection() {
        return connection;
    }

    public TcpState state() {
        return connection.state();
    }

    TcpApplication application() {
        return application;
    }

    /** The socket-layer flags of another socket (the fast way's copy of a TIME_WAIT pcb). */
    void copyFlagsFrom(TcpSocket other) {
        this.pendingWrite = other.pendingWrite;
        this.closeRequested = other.closeRequested;
        this.autoRead = other.autoRead;
    }

    public void setApplication(TcpApplication application) {
        this.application = application;
    }

    /** When on, every arriving byte is read at once (a process blocked in read()). */
    public void setAutoRead(boolean autoRead) {
        this.autoRead = autoRead;
    }

    boolean autoRead() {
        return autoRead;
    }

    /** Bytes waiting to be read. */
    public long available() {
        return connection.receiveBuffered();
    }

    /** read(): takes up to {@code max} bytes from the receive buffer, which may open the window. */
    public long read(long max) {
        return connection.readFromBuffer(max);
    }

    /**
     * write(): the application hands over {@code bytes}; they enter the send buffer as it has
     * room, as a blocking write would.
     */
    public void write(long bytes) {
        if (bytes <= 0 || closeRequested) {
            return;
        }
        pendingWrite += bytes;
        connection.fillSendBuffer();
    }

    long pendingWrite() {
        return pendingWrite;
    }

    void consumePending(long bytes) {
        pendingWrite -= bytes;
    }

    /**
     * sorwakeup after the peer's FIN (socantrcvmore): the process blocked in read() runs after the
     * kernel has finished with the segment, so its reaction (typically close()) is an event at the
     * same instant, queued behind the input processing that is under way (FreeBSD tcp_input.c
     * tcp_do_segment: the FIN sets TF_ACKNOW and tcp_output sends the ACK before the process runs).
     * Events at one instant run in scheduling order, so this stays deterministic.
     */
    void wakeUpAtEndOfStream() {
        var simulator = connection.simulator();
        simulator.schedule(simulator.now(), () -> {
            if (connection.state() != TcpState.CLOSED && connection.socket() == this && !connection.socketClosed()) {
                application.endOfStream(this);
            }
        });
    }

    /** shutdown(SHUT_WR): FIN after the data; the receive side stays open (no FIN_WAIT_2 timer). */
    public void shutdownOutput() {
        connection.shutdownOutput();
    }

    /**
     * close(): when the writer has handed everything to the kernel, the descriptor goes away and
     * TCP closes (tcp_usrclosed). A blocking writer closes only after its last write returned.
     */
    public void close() {
        closeRequested = true;
        if (pendingWrite == 0) {
            connection.closeByApplication();
        }
    }

    boolean closeRequested() {
        return closeRequested;
    }

    /** close() with SO_LINGER {on, 0}: the connection is dropped with an RST. */
    public void abort() {
        connection.abortByApplication();
    }

    @Override
    public String toString() {
        return name + " " + connection;
    }
}
