/**
 * FreeBSD's TCP as tcp_input.c, tcp_output.c, tcp_timer.c and tcp_syncache.c do it in the
 * modelled releases: the state machine, sequence numbers, retransmission, the close paths and
 * their timers, strays, and the socket calls applications make. Depends on {@code engine},
 * {@code engine.net}, {@code engine.os}, {@code engine.trace}.
 */
package dev.scn.engine.tcp;
