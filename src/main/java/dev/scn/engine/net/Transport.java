package dev.scn.engine.net;

/** A transport protocol's input routine on one host (tcp_input, udp_input). */
public interface Transport {
    void input(Packet packet);
}
