/**
 * What an operator reads on a FreeBSD box, rebuilt from the engine's state: {@code netstat -an},
 * {@code ipfw show} / {@code ipfw -d show} / {@code ipfw list}, {@code sysctl}, tcpdump lines,
 * exactly as the userland tool of the host's release prints them. Each formatter follows one
 * FreeBSD or tcpdump source function, cited where it is modelled.
 *
 * {@link dev.scn.observe.Capture} and {@link dev.scn.observe.PcapWriter} record packets where
 * bpf would and write them as a pcap file that tcpdump and Wireshark read.
 *
 * <p>Depends on {@code dev.scn.engine} only; the engine never depends on this package. Never
 * prints; returns text, or writes the one file it is asked to (a pcap).
 */
package dev.scn.observe;
