/**
 * What an operator reads: the text of {@code ipfw show}, {@code ipfw -d show} and friends,
 * rendered from the engine's state exactly as the userland tool of the host's release prints it.
 *
 * <p>Depends on the engine; the engine never depends on this package.
 */
package dev.scn.observe;
