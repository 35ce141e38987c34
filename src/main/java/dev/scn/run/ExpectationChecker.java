package dev.scn.run;

import dev.scn.engine.Event;
import dev.scn.engine.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.model.Expectation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides every expectation of a run: AT at its instant; WITHIN at the first event at which it
 * holds, failing when its window closes; ALWAYS after every event from its instant on, failing at
 * the first violation.
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
        switch (expectation.mode()) {
            case AT -> sim.simulator().schedule(at, () -> pending.decide(evaluate(pending)));
            case WITHIN, ALWAYS -> {
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
        String actual = reader.read(pending.expectation.subject());
        boolean holds = SubjectReader.holds(pending.expectation.op(), actual, pending.expectation.value());
        pending.lastActual = actual;
        if (pending.expectation.mode() == Expectation.Mode.WITHIN && holds) {
            pending.decide(actual, true);
        } else if (pending.expectation.mode() == Expectation.Mode.ALWAYS && !holds) {
            pending.decide(actual, false);
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
                case ALWAYS -> pending.decide(pending.started ? pending.lastActual : "not reached", pending.started);
                case AT, WITHIN -> pending.decide("not reached (the run ends at " + SimTime.human(now) + ")", false);
            }
        }
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
                pending.decide(pending.lastActual, false);
            }
        }
    }

    private final class Pending {
        final Expectation expectation;
        final long at;
        boolean decided;
        boolean started;
        String lastActual;

        Pending(Expectation expectation, long at) {
            this.expectation = expectation;
            this.at = at;
        }

        void decide(String actual) {
            decide(actual, SubjectReader.holds(expectation.op(), actual, expectation.value()));
        }

        void decide(String actual, boolean held) {
            decided = true;
            results.add(new ExpectationResult(expectation.span(), sim.now(),
                    expectation.mode().name().toLowerCase(Locale.ROOT), Subjects.describe(expectation.subject()),
                    expectation.op().symbol(), expectation.value(), actual, held));
        }
    }
}
