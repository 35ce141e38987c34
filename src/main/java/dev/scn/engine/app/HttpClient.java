package dev.scn.engine.app;

import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpSocket;

/**
 * A client that sends its request as soon as the connection is up and reads the answer.
 *
 * @param requestBytes bytes written once connected
 * @param closeOnEof   true: close() when the server's FIN arrives (a well-behaved client);
 *                     false: leave the socket to the scenario's timeline
 */
public record HttpClient(long requestBytes, boolean closeOnEof) implements TcpApplication {

    @Override
    public void established(TcpSocket socket) {
        if (requestBytes > 0) {
            socket.write(requestBytes);
        }
    }

    @Override
    public void endOfStream(TcpSocket socket) {
        if (closeOnEof) {
            socket.close();
        }
    }
}
