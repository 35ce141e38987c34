/**
 * FreeBSD release profiles and their sysctl registries (names, defaults, ranges, read-only
 * flags), with the source of every default cited. Depends on nothing else in the engine.
 */
package dev.scn.engine.os;
