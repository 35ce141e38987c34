package dev.scn.engine;

import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;

import dev.scn.engine.trace.CausalTrace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    private static Simulator simulator() {
        return new Simulator(7, CausalTrace.withDefaults());
    }

    @Test
    @DisplayName("events at the same instant run in the order they were scheduled")
    void equalTimeEventsRunInSchedulingOrder() {
        Simulator sim = simulator();
        List<String> order = new ArrayList<>();
        sim.schedule(SimTime.seconds(5), () -> order.add("b"));
        sim.schedule(SimTime.seconds(1), () -> order.add("a"));
        for (int i = 0; i < 50; i++) {
            int n = i;
            sim.schedule(SimTime.seconds(5), () -> order.add("b" + n));
        }
        sim.run(SimTime.seconds(10), 1_000);
        assertEquals("a", order.get(0));
        assertEquals("b", order.get(1));
        for (int i = 0; i < 50; i++) {
            assertEquals("b" + i, order.get(i + 2));
        }
    }

    @Test
    @DisplayName("a rescheduled timer fires once, at its new time; a cancelled one never")
    void rescheduleAndCancel() {
        Simulator sim = simulator();
        List<Long> fired = new ArrayList<>();
        Event timer = new Event() {
            @Override
            protected void fire() {
                fired.add(sim.now());
            }
        };
        Event cancelled = new Event() {
            @Override
            protected void fire() {
                fired.add(-1L);
            }
        };
        sim.schedule(timer, SimTime.seconds(3));
        sim.schedule(cancelled, SimTime.seconds(2));
        sim.schedule(timer, SimTime.seconds(7));
        sim.cancel(cancelled);
        assertFalse(cancelled.isScheduled());
        sim.run(SimTime.seconds(100), 100);
        assertEquals(List.of(SimTime.seconds(7)), fired);
        assertEquals(SimTime.seconds(100), sim.now());
    }

    @Test
    @DisplayName("the heap keeps (time, sequence) order under many random reschedules")
    void heapOrderUnderChurn() {
        Simulator sim = simulator();
        SplittableRandom random = new SplittableRandom(1);
        List<Long> seen = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Event e = new Event() {
                @Override
                protected void fire() {
                    seen.add(sim.now());
                }
            };
            events.add(e);
            sim.schedule(e, random.nextLong(1_000_000));
        }
        for (int i = 0; i < 2_000; i++) {
            Event e = events.get(random.nextInt(events.size()));
            if (random.nextInt(4) == 0) {
                sim.cancel(e);
            } else {
                sim.schedule(e, random.nextLong(1_000_000));
            }
        }
        long scheduled = events.stream().filter(Event::isScheduled).count();
        sim.run(2_000_000, 10_000);
        assertEquals(scheduled, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1) <= seen.get(i), "out of order at " + i);
        }
    }

    @Test
    @DisplayName("the event budget stops a run that would never end")
    void eventBudgetBoundsTheRun() {
        Simulator sim = simulator();
        Event loop = new Event() {
            @Override
            protected void fire() {
                sim.schedule(this, sim.now());
            }
        };
        sim.schedule(loop, 0);
        assertEquals(Simulator.RunOutcome.EVENT_BUDGET_EXHAUSTED, sim.run(SimTime.seconds(1), 10_000));
        assertEquals(10_000, sim.eventsProcessed());
    }

    @Test
    void schedulingInThePastIsRefused() {
        Simulator sim = simulator();
        sim.run(SimTime.seconds(5), 10);
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(SimTime.seconds(4), () -> { }));
    }

    @Test
    @DisplayName("random streams depend on the seed and the component name only")
    void randomStreamsAreStablePerComponent() {
        Simulator a = new Simulator(2005, CausalTrace.withDefaults());
        Simulator b = new Simulator(2005, CausalTrace.withDefaults());
        Simulator c = new Simulator(2006, CausalTrace.withDefaults());
        b.random("other component").nextLong();
        assertEquals(a.random("link a->b").nextLong(), b.random("link a->b").nextLong());
        assertNotEquals(a.random("link a->b").nextLong(), c.random("link a->b").nextLong());
        assertNotEquals(a.random("link a->b").nextLong(), a.random("link b->a").nextLong());
    }

    @Test
    void tcpdumpClockFormat() {
        assertEquals("00:04:45.000000", SimTime.tcpdumpClock(SimTime.seconds(285)));
        assertEquals("49:00:00.000250", SimTime.tcpdumpClock(SimTime.seconds(49 * 3600) + 250));
    }
}
