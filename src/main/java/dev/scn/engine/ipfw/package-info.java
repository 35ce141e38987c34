/**
 * ipfw2 as the FreeBSD kernel runs it: static rules and their counters, the {@code ipfw(8)}
 * command line, dynamic states (keep-state) with each era's lifetimes, lazy or swept expiry, and
 * keepalives (model-freebsd.md sections 1-4).
 *
 * <p>May depend on {@code dev.scn.engine}, {@code engine.net}, {@code engine.os} and
 * {@code engine.trace}; nothing here knows about the scenario language or reports.
 */
package dev.scn.engine.ipfw;
