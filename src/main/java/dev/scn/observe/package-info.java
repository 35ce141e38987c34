/**
 * What an operator reads on a FreeBSD box, rebuilt from the engine's state: {@code netstat -an},
 * {@code ipfw show} / {@code ipfw -d show} / {@code ipfw list}, {@code sysctl}, tcpdump lines,
 * exactly as the userland tool of the host's release prints them. Each formatter follows one
 * FreeBSD or tcpdump source function, cited where it is modelled.
 *
 * <p>Depends on {@code dev.scn.engine} only; the engine never depends on this package. Never
 * prints, only returns text.
 */
package dev.scn.observe;
