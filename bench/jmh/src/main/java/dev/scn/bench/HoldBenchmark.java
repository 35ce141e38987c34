package dev.scn.bench;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.trace.CausalTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The classic hold model on scn's event kernel: {@code pending} events in the future-event set;
 * each event, when it runs, schedules one event at now + Exp(mean), so the population stays
 * constant and every event costs one pop of the earliest and one push.
 *
 * <p>Same parameters as ns-3's utils/bench-scheduler.cc defaults (population 100,000, exponential
 * increments of mean 100 time units; ns-3 counts nanoseconds, scn microseconds, which changes
 * nothing in the queue's work), and the same split of work per event: one random exponential
 * draw, one schedule, one dispatch through the simulator's run loop. The difference is ns-3's
 * design, not the benchmark's: ns-3 allocates a new EventImpl per Schedule, while an scn event is
 * an object rescheduled in place (as its TCP timers are), so this loop allocates nothing.
 *
 * <p>Score: events per second (each invocation runs {@value #BATCH} events).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC") // as the scn launcher runs
public class HoldBenchmark {
    /** Events run per benchmark invocation. */
    static final int BATCH = 100_000;

    @Param("100000")
    int pending;

    @Param("100")
    double mean;

    private Simulator simulator;

    @Setup(Level.Trial)
    public void fill() {
        simulator = new Simulator(1, CausalTrace.withDefaults());
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < pending; i++) {
            HoldEvent event = new HoldEvent(simulator, random, mean);
            simulator.schedule(event, event.increment());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long hold() {
        simulator.run(Long.MAX_VALUE, BATCH);
        return simulator.now();
    }

    /**
     * One member of the population: reschedules itself at now + Exp(mean) each time it runs. All
     * members draw from one stream, as ns-3's benchmark does.
     */
    static final class HoldEvent extends Event {
        private final Simulator simulator;
        private final SplittableRandom random;
        private final double mean;

        HoldEvent(Simulator simulator, SplittableRandom random, double mean) {
            this.simulator = simulator;
            this.random = random;
            this.mean = mean;
        }

        /** Exp(mean) by inversion, rounded to the kernel's integer time as ns-3 rounds to ns. */
        long increment() {
            return Math.round(-mean * Math.log(1.0 - random.nextDouble()));
        }

        @Override
        protected void fire() {
            simulator.schedule(this, simulator.now() + increment());
        }
    }
}
