package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.tcp.TcpApplication;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.model.TrafficDecl;

/** One client of a traffic mix: sends its request, reads the response, then ends its way. */
final class TrafficClient implements TcpApplication {
    private final Simulation sim;
    private final TrafficDecl traffic;
    private final Machine clients;
    private final TrafficDecl.Behaviour behaviour;
    private final long parameter;
    private long received;
    private boolean done;

    TrafficClient(Simulation sim, TrafficDecl traffic, Machine clients, TrafficDecl.Behaviour behaviour, long parameter) {
        this.sim = sim;
        this.traffic = traffic;
        this.clients = clients;
        this.behaviour = behaviour;
        this.parameter = parameter;
    }

    @Override
    public void established(TcpSocket socket) {
        if (behaviour == TrafficDecl.Behaviour.IDLE) {
            sim.simulator().schedule(sim.now() + parameter, () -> socket.write(traffic.requestBytes()));
        } else {
            socket.write(traffic.requestBytes());
        }
    }

    @Override
    public void readable(TcpSocket socket) {
        long n = socket.available();
        socket.read(n);
        received += n;
        if (received >= traffic.responseBytes()) {
            responseComplete(socket);
        }
    }

    @Override
    public void endOfStream(TcpSocket socket) {
        responseComplete(socket);
    }

    private void responseComplete(TcpSocket socket) {
        if (done) {
            return;
        }
        done = true;
        // The process acts once the kernel has finished with the segment (and sent its ACK),
        // as a process woken from read() does.
        long when = behaviour == TrafficDecl.Behaviour.SLOW_CLOSE ? sim.now() + parameter : sim.now();
        sim.simulator().schedule(when, () -> {
            switch (behaviour) {
                case NORMAL, LOSE_FIN, IDLE, SLOW_CLOSE, SYN_ONLY -> socket.close();
                case VANISH -> clients.forget(socket);
                case RESET -> socket.abort();
            }
        });
    }
}
