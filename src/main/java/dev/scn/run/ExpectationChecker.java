package dev.scn.run;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.model.Expectation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Decides every expectation of a run: AT at its instant; WITHIN at the first event at which it
 * holds, failing when its window closes; ALWAYS after every event from its instant on, failing at
 * the first violation. A watched count compares a maintained counter with the expected number
 * after each event (no table walk, no text), and becomes text only when it is decided.
 */
final class ExpectationChecker {
    private final Simulation sim;
    private final SubjectReader reader;
    private final List<Pending> watching = new ArrayList<>();
    private final List<ExpectationResult> results = new ArrayList<>();
    private final List<Pending> all = new ArrayList<>();

    ExpectationChecker(Simulation sim, SubjectReader reader) {
        this.sim = sim;
        this.reader = reader;
    }

    void add(Expectation expectation, long at) {
        Pending pending = new Pending(expectation, at);
        all.add(pending);
        reader.prepare(expectation.subject());
        if (expectation.mode() != Expectation.Mode.AT && SubjectReader.isNumber(expectation.value())) {
            pending.counter = reader.counter(expectation.subject());
            pending.expectedNumber = Long.parseLong(expectation.value());
        }
        switch (expectation.mode()) {
            case AT -> sim.simulator().schedule(at, () -> pending.decide(evaluate(pending)));
            case WITHIN, ALWAYS, WHEN -> {
                sim.simulator().schedule(at, () -> {
                    watching.add(pending);
                    pending.started = true;
                    check(pending);
                });
                if (expectation.mode() == Expectation.Mode.WITHIN) {
                    sim.simulator().schedule(new Deadline(pending), Math.addExact(at, expectation.withinMicros()));
                }
            }
        }
    }

    /** Watches every event only if some expectation needs it. */
    void install(long runEnd) {
        boolean needed = all.stream().anyMatch(p -> p.expectation.mode() != Expectation.Mode.AT);
        if (needed) {
            sim.simulator().addStepListener(this::afterEvent);
        }
    }

    private void afterEvent() {
        for (int i = watching.size() - 1; i >= 0; i--) {
            check(watching.get(i));
        }
    }

    private void check(Pending pending) {
        if (pending.decided) {
            watching.remove(pending);
            return;
        }
        boolean holds;
        if (pending.counter != null) {
            pending.lastNumber = pending.counter.getAsLong();
            pending.lastActual = null; // spelled out when decided
            holds = pending.expectation.op().test(pending.lastNumber, pending.expectedNumber);
        } else {
            pending.lastActual = reader.read(pending.expectation.subject());
            holds = SubjectReader.holds(pending.expectation.op(), pending.lastActual, pending.expectation.value());
        }
        if (pending.expectation.mode() == Expectation.Mode.WHEN) {
            watchEdge(pending, holds);
        } else if (pending.expectation.mode() == Expectation.Mode.WITHIN && holds) {
            pending.decide(pending.actual(), true);
        } else if (pending.expectation.mode() == Expectation.Mode.ALWAYS && !holds) {
            pending.decide(pending.actual(), false);
        }
    }

    /**
     * FIRST_HOLDS: the first instant the comparison holds. ENTERS: the first instant it holds
     * after having not held; LEAVES: the first it no longer holds after having held (a state
     * never entered is never left).
     */
    private void watchEdge(Pending pending, boolean holds) {
        Expectation.When when = pending.expectation.when();
        boolean happened = switch (when.edge()) {
            case FIRST_HOLDS -> holds;
            case ENTERS -> pending.armed && holds;
            case LEAVES -> pending.armed && !holds;
        };
        pending.armed |= when.edge() == Expectation.Edge.ENTERS ? !holds : holds;
        if (happened) {
            long now = sim.now();
            pending.decide(SimTime.human(now), Math.abs(now - when.instantMicros()) <= when.toleranceMicros());
        }
    }

    private String evaluate(Pending pending) {
        return reader.read(pending.expectation.subject());
    }

    /** Closes what is still open when the run ends. */
    void finish(long now) {
        for (Pending pending : all) {
            if (pending.decided) {
                continue;
            }
            switch (pending.expectation.mode()) {
                case ALWAYS -> pending.decide(pending.started ? pending.actual() : "not reached", pending.started);
                case WHEN -> pending.decide(neverHappened(pending, now), false);
                case AT, WITHIN -> pending.decide("not reached (the run ends at " + SimTime.human(now) + ")", false);
            }
        }
    }

    private static String neverHappened(Pending pending, long now) {
        if (!pending.started) {
            return "not reached (the run ends at " + SimTime.human(now) + ")";
        }
        Expectation e = pending.expectation;
        if (e.when().edge() == Expectation.Edge.LEAVES && !pending.armed) {
            return "never " + e.value() + " (" + pending.actual() + " at every check)";
        }
        return "never (" + pending.actual() + " at the end, " + SimTime.human(now) + ")";
    }

    List<ExpectationResult> results() {
        List<ExpectationResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt((ExpectationResult r) -> r.span().line())
                .thenComparingInt(r -> r.span().column()));
        return sorted;
    }

    /** The end of a WITHIN window: one last look, then failure if it never held. */
    private final class Deadline extends Event {
        private final Pending pending;

        Deadline(Pending pending) {
            this.pending = pending;
        }

        @Override
        protected void fire() {
            if (!pending.decided) {
                check(pending);
            }
            if (!pending.decided) {
                pending.decide(pending.actual(), false);
            }
        }
    }

    private final class Pending {
        final Expectation expectation;
        final long at;
        boolean decided;
        boolean started;
        boolean armed;
        /** The last value read as text; null when it was a number ({@link #lastNumber}). */
        String lastActual;
        /** A watched count: its counter, the expected number and the last value read. */
        LongSupplier counter;
        long expectedNumber;
        long lastNumber;

        Pending(Expectation expectation, long at) {
            this.expectation = expectation;
            this.at = at;
        }

        /** The last value read, as results print it. */
        String actual() {
            return lastActual != null || counter == null ? lastActual : Long.toString(lastNumber);
        }

        void decide(String actual) {
            decide(actual, SubjectReader.holds(expectation.op(), actual, expectation.value()));
        }

        void decide(String actual, boolean held) {
            decided = true;
            String mode = expectation.mode().name().toLowerCase(Locale.ROOT);
            if (expectation.mode() == Expectation.Mode.WHEN) {
                results.add(new ExpectationResult(expectation.span(), sim.now(), mode, whenSubject(expectation),
                        "at", whenInstant(expectation.when()), actual, held));
                return;
            }
            results.add(new ExpectationResult(expectation.span(), sim.now(), mode,
                    Subjects.describe(expectation.subject()), expectation.op().symbol(), expectation.value(), actual,
                    held));
        }
    }

    /** "c1 on server leaves FIN_WAIT_2", "c1 on server enters CLOSED", "server packets rst >= 1 first". */
    static String whenSubject(Expectation e) {
        String subject = Subjects.describe(e.subject());
        if (e.op() == Expectation.Op.IS) {
            String verb = e.when().edge() == Expectation.Edge.ENTERS ? " enters " : " leaves ";
            return subject + verb + e.value();
        }
        return subject + " " + e.op().symbol() + " " + e.value() + " first";
    }

    /** "675.36s ± 1s", or the bare instant when it must be exact. */
    static String whenInstant(Expectation.When when) {
        String instant = SimTime.human(when.instantMicros());
        return when.toleranceMicros() == 0 ? instant : instant + " ± " + SimTime.human(when.toleranceMicros());
    }
}
