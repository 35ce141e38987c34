package dev.scn.engine.tcp;

/**
 * Told each time the number of a host's connections in one TCP state changes, at the instant it
 * changes (the run records exact step series for the report's charts from it). Called with the
 * new count only: no table walk, O(1) per change.
 */
@FunctionalInterface
public interface StateCountListener {
    StateCountListener NONE = (state, count) -> { };

    void countChanged(TcpState state, long count);
}
