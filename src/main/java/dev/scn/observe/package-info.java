/**
 * What an operator reads on a FreeBSD box, rebuilt from the engine's state: {@code netstat -an},
 * {@code sysctl}, tcpdump lines. Each formatter follows one FreeBSD or tcpdump source function,
 * cited where it is modelled. Depends on {@code dev.scn.engine} (packets, profiles, sysctls) only;
 * never prints, only returns text.
 */
package dev.scn.observe;
