/**
 * The causal trace: every state change records the event that made it, so one can ask what
 * keeps a connection or dynamic rule alive and follow the chain back to its first cause.
 * Memory-bounded: full records for chosen flows, counters for the rest.
 */
package dev.scn.engine.trace;
