/**
 * A scenario as immutable data: what a {@code .scn} file says, with the source position of every
 * part so later stages can point at it. Built by {@code dev.scn.lang} from the parse tree, run by
 * {@code dev.scn.run} on the engine. Depends on nothing.
 */
package dev.scn.model;
