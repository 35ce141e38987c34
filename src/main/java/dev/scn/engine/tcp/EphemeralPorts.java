package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Host;
import dev.scn.engine.os.Sysctl;

import java.util.SplittableRandom;

/**
 * Local port choice for connect(2), as in_pcbbind/in_pcb_lport do: start at a random point of
 * [portrange.first, portrange.last] (net.inet.ip.portrange.randomized=1) and probe upward,
 * wrapping, to the first free port. ipport_tick: after more than randomcps (10) TCP
 * allocations in one second, allocation turns sequential for randomtime (45) seconds
 * (in_pcb.c of 6.x and 9.3).
 *
 * <p>When every port of the range is in use the probe loop gives up and connect(2) fails with
 * EADDRNOTAVAIL: sys/netinet/in_pcb.c in_pcb_lport, {@code if (count-- < 0) return
 * (EADDRNOTAVAIL);} ("completely used?"), read in a 12.x-era copy (CK_STAILQ, NET_EPOCH); the
 * 5.x/6.x in_pcbbind_setup loop has the same shape (UNVERIFIED: that release's text not read).
 */
final class EphemeralPorts {
    /** What {@link #allocate} returns when the range is completely used (EADDRNOTAVAIL). */
    static final int NO_PORT = -1;

    private static final int RANDOM_CPS = 10;
    private static final int RANDOM_TIME = 45;

    private final Host host;
    private final SplittableRandom random;
    private int lastPort;
    private long allocations;
    private long lastCount;
    private long lastTickSecond = -1;
    private int stopRandom;
    /** After a failed search: the range and the stack's ports-freed count then; -1: none. */
    private long exhaustedAtFreed = -1;
    private int exhaustedFirst;
    private int exhaustedLast;

    EphemeralPorts(Host host, SplittableRandom random) {
        this.host = host;
        this.random = random;
    }

    void reset() {
        lastPort = 0;
        allocations = 0;
        lastCount = 0;
        lastTickSecond = -1;
        stopRandom = 0;
        exhaustedAtFreed = -1;
    }

    /** The next free local port, or {@link #NO_PORT} when every port of the range is in use. */
    int allocate(int foreignAddress, int foreignPort, TcpStack stack) {
        runTicks();
        int first = (int) host.sysctls().get(Sysctl.IP_PORTRANGE_FIRST);
        int last = (int) host.sysctls().get(Sysctl.IP_PORTRANGE_LAST);
        if (first > last) {
            int t = first;
            first = last;
            last = t;
        }
        boolean randomize = host.sysctls().on(Sysctl.IP_PORTRANGE_RANDOMIZED) && stopRandom == 0 && first != last;
        if (randomize) {
            lastPort = first + random.nextInt(last - first);
        }
        int count = last - first;
        if (exhaustedAtFreed == stack.localPortsFreed() && exhaustedFirst == first && exhaustedLast == last) {
            // No port was freed since the last search found none: the same loop would find none again
            // (it would wrap once round the range and end where it started, or at last).
            if (lastPort < first || lastPort > last) {
                lastPort = last;
            }
            return NO_PORT;
        }
        do {
            if (count-- < 0) {
                exhaustedAtFreed = stack.localPortsFreed();
                exhaustedFirst = first;
                exhaustedLast = last;
                return NO_PORT; // in_pcb_lport: "completely used?" -> EADDRNOTAVAIL
            }
            lastPort++;
            if (lastPort < first || lastPort > last) {
                lastPort = first;
            }
        } while (stack.localPortInUse(lastPort));
        allocations++;
        return lastPort;
    }

    /** Replays the once-a-second ipport_tick for the seconds elapsed since the last allocation. */
    private void runTicks() {
        long second = SimTime.wholeSeconds(host.simulator().now() - host.bootTime());
        if (lastTickSecond < 0) {
            lastTickSecond = second;
            return;
        }
        while (lastTickSecond < second) {
            lastTickSecond++;
            if (allocations <= lastCount + RANDOM_CPS) {
                if (stopRandom > 0) {
                    stopRandom--;
                }
            } else {
                stopRandom = RANDOM_TIME;
            }
            lastCount = allocations;
            if (stopRandom == 0 && allocations == lastCount) {
                lastTickSecond = second;
            }
        }
    }
}
