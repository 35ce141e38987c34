package dev.scn.engine.app;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

/**
 * An Apache-like server, one session per accepted connection: read the request, write the
 * response, then end the connection the configured way.
 *
 * @param requestBytes  bytes of request read before answering (EOF also ends the request)
 * @param responseBytes bytes written in answer
 * @param ending        how the server lets go of the connection
 * @param lingerMicros  for {@link Ending#LINGER}: SO_LINGER time (0 = abortive close)
 */
public record HttpServer(long requestBytes, long responseBytes, Ending ending, long lingerMicros)
        implements TcpApplication.Factory {

    /** Apache 1.3 lingering_close: 2 s select timeouts (http_main.c). */
    public static final long LINGER_READ_TIMEOUT = SimTime.seconds(2);
    /** Apache 1.3 MAX_SECS_TO_LINGER: lingering at most 30 s. */
    public static final long LINGER_MAX = SimTime.seconds(30);

    /** What the server does after writing the response. */
    public enum Ending {
        /** close() at once: the active close of most servers. */
        CLOSE,
        /**
         * Apache 1.3 lingering close: shutdown(fd, 1), read with 2 s timeouts for at most 30 s until
         * a timeout or EOF, then close().
         */
        SHUTDOWN,
        /** close() with SO_LINGER set; a linger time of 0 aborts with RST. */
        LINGER,
        /** Keep the connection open until the client closes, then close (passive close). */
        WAIT_FOR_CLIENT
    }

    @Override
    public TcpApplication forConnection(TcpSocket socket) {
        return new Session();
    }

    /** A session that never ran has no lingering close to cancel ({@link Session#terminated}). */
    @Override
    public boolean freshSessionEndsSilently() {
        return true;
    }

    private final class Session implements TcpApplication {
        private long received;
        private boolean answered;
        private boolean lingering;
        private long lingerStarted;
        private LingerTimeout lingerTimeout;

        @Override
        public void readable(TcpSocket socket) {
            received = Math.min(Long.MAX_VALUE / 2, received + drain(socket));
            if (lingering) {
                lingerTimeout.restart(socket);
                return;
            }
            if (!answered && received >= requestBytes) {
                answer(socket);
            }
        }

        private long drain(TcpSocket socket) {
            long waiting = socket.available();
            socket.read(waiting);
            return waiting;
        }

        private void answer(TcpSocket socket) {
            answered = true;
            trace(socket, "request of " + received + " bytes read, writing " + responseBytes + " bytes");
            if (responseBytes > 0) {
                socket.write(responseBytes);
            } else {
                writeCompleted(socket);
            }
        }

        @Override
        public void writeCompleted(TcpSocket socket) {
            if (!answered) {
                return;
            }
            switch (ending) {
                case CLOSE -> {
                    trace(socket, "response written, close()");
                    socket.close();
                }
                case SHUTDOWN -> startLingeringClose(socket);
                case LINGER -> {
                    if (lingerMicros == 0) {
                        trace(socket, "response written, close() with SO_LINGER 0: RST");
                        socket.abort();
                    } else {
                        trace(socket, "response written, close() with SO_LINGER " + SimTime.human(lingerMicros));
                        socket.close();
                    }
                }
                case WAIT_FOR_CLIENT -> trace(socket, "response written, waiting for the client to close");
            }
        }

        private void startLingeringClose(TcpSocket socket) {
            trace(socket, "response written, lingering close: shutdown(fd, 1), reading with 2 s timeouts");
            socket.shutdownOutput();
            lingering = true;
            Simulator simulator = simulatorOf(socket);
            lingerStarted = simulator.now();
            lingerTimeout = new LingerTimeout(simulator, socket);
            lingerTimeout.restart(socket);
        }

        @Override
        public void endOfStream(TcpSocket socket) {
            if (lingering) {
                trace(socket, "lingering close: EOF from the client, close()");
                lingerTimeout.cancel();
                socket.close();
                return;
            }
            if (!answered) {
                answer(socket);
            }
            if (ending == Ending.WAIT_FOR_CLIENT) {
                trace(socket, "client closed, close()");
                socket.close();
            }
        }

        @Override
        public void terminated(TcpSocket socket, CloseReason reason) {
            if (lingerTimeout != null) {
                lingerTimeout.cancel();
            }
        }

        /** The 2 s select() timeout of lingering_close, bounded by MAX_SECS_TO_LINGER. */
        private final class LingerTimeout extends Event {
            private final Simulator simulator;
            private final TcpSocket socket;

            LingerTimeout(Simulator simulator, TcpSocket socket) {
                this.simulator = simulator;
                this.socket = socket;
            }

            void restart(TcpSocket s) {
                long deadline = Math.min(simulator.now() + LINGER_READ_TIMEOUT, lingerStarted + LINGER_MAX);
                simulator.schedule(this, Math.max(deadline, simulator.now()));
            }

            void cancel() {
                simulator.cancel(this);
            }

            @Override
            protected void fire() {
                trace(socket, "lingering close: no data for 2 s (or 30 s in all), close()");
                lingering = false;
                socket.close();
            }
        }
    }

    private static Simulator simulatorOf(TcpSocket socket) {
        return socket.connection().simulator();
    }

    private static void trace(TcpSocket socket, String text) {
        var connection = socket.connection();
        var trace = connection.simulator().trace();
        if (trace.detailed(connection.flow())) {
            trace.record(TraceKind.APP, connection.hostName(), connection.flow(), new Fact.App("httpd", text));
        } else {
            trace.count(TraceKind.APP);
        }
    }
}
