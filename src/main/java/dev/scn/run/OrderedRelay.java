package dev.scn.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets runs that execute at the same time speak to one listener as if they ran one after the
 * other: run 0 speaks through at once; a later run's words are held until every run before it
 * has finished and been flushed, then it speaks through too. The listener therefore receives
 * exactly the calls, in exactly the order, of a sequential execution.
 */
final class OrderedRelay {
    private final ScenarioRunner.Listener target;
    private final List<List<Consumer<ScenarioRunner.Listener>>> held = new ArrayList<>();
    private final boolean[] finished;
    private int current;

    OrderedRelay(ScenarioRunner.Listener target, int runs) {
        this.target = target;
        this.finished = new boolean[runs];
        for (int i = 0; i < runs; i++) {
            held.add(new ArrayList<>());
        }
    }

    /** The listener run {@code index} speaks to. */
    ScenarioRunner.Listener forRun(int index) {
        return new ScenarioRunner.Listener() {
            @Override
            public void started(String scenario, String variant, long seed) {
                say(index, l -> l.started(scenario, variant, seed));
            }

            @Override
            public void shown(ShowOutput show) {
                say(index, l -> l.shown(show));
            }

            @Override
            public void packet(RunResult.TimedPacket packet) {
                say(index, l -> l.packet(packet));
            }

            @Override
            public void finished(RunResult result) {
                say(index, l -> l.finished(result));
                runEnded(index);
            }
        };
    }

    private synchronized void say(int index, Consumer<ScenarioRunner.Listener> call) {
        if (index == current) {
            call.accept(target);
        } else {
            held.get(index).add(call);
        }
    }

    /** Run {@code index} said its last word: the next runs that are due speak their held words. */
    private synchronized void runEnded(int index) {
        finished[index] = true;
        while (current < finished.length && finished[current]) {
            current++;
            if (current < finished.length) {
                held.get(current).forEach(call -> call.accept(target));
                held.get(current).clear();
            }
        }
    }
}
