package dev.scn.engine.kernel;

import dev.scn.engine.trace.CausalTrace;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BacklogTest {

    /** Items at fixed instants; each notes its name and the clock it ran at. */
    private static final class Items implements Backlog {
        private final Deque<long[]> due = new ArrayDeque<>();
        private final Simulator simulator;
        private final List<String> log;

        Items(Simulator simulator, List<String> log, long... times) {
            this.simulator = simulator;
            this.log = log;
            for (long t : times) {
                due.add(new long[] {t});
            }
        }

        @Override
        public long nextTime() {
            return due.isEmpty() ? Long.MAX_VALUE : due.peek()[0];
        }

        @Override
        public void runNext() {
            long[] item = due.poll();
            log.add("item@" + item[0] + " clock " + simulator.now());
        }
    }

    @Test
    void itemsRunInTimeOrderBeforeTheEventsOfTheirInstantAndAtTheEnd() {
        Simulator sim = new Simulator(1, CausalTrace.withDefaults());
        List<String> log = new ArrayList<>();
        sim.setBacklog(new Items(sim, log, 5, 10, 10, 20, 40));
        sim.schedule(10, () -> log.add("event@10 clock " + sim.now()));
        sim.schedule(15, () -> log.add("event@15 clock " + sim.now()));
        // Items due at an event's instant run before it, each with the clock at its own time;
        // the one at 20 runs when the run ends at 30; the one at 40 is beyond the end.
        Simulator.RunOutcome outcome = sim.run(30, 100);
        assertEquals(Simulator.RunOutcome.COMPLETED, outcome);
        assertEquals(List.of("item@5 clock 5", "item@10 clock 10", "item@10 clock 10", "event@10 clock 10",
                "event@15 clock 15", "item@20 clock 20"), log);
        assertEquals(30, sim.now());
        // Two events ran; the items are not events.
        assertEquals(2, sim.eventsProcessed());
    }

    @Test
    void replayedEventsCountAsProcessed() {
        Simulator sim = new Simulator(1, CausalTrace.withDefaults());
        sim.schedule(1, () -> sim.countReplayedEvents(27));
        sim.run(10, 100);
        // one event run + 27 it stood for
        assertEquals(28, sim.eventsProcessed());
    }
}
