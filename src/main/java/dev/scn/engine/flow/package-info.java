/**
 * The leaf of the engine: IPv4 addresses, transport protocols and the direction-free flow key
 * that both ends of a connection and ipfw's dynamic rule share. Depends on nothing else of scn.
 */
package dev.scn.engine.flow;
