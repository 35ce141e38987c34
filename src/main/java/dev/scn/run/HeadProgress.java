package dev.scn.run;

import dev.scn.engine.kernel.ProgressListener;

/**
 * One progress line for runs that execute side by side: it follows the head, the first run in
 * order that has not ended, as a sequential execution would show it. A run that becomes the
 * head midway (its predecessor ended) is announced then, and its rate counts the events from
 * that moment on; the others are not shown while they run.
 */
final class HeadProgress {
    private final ScenarioRunner.ProgressWatcher watcher;
    private final boolean[] ended;
    private final String[] variants;
    private final long[] runMicros;
    private final ProgressListener[] shown;
    private final long[] eventsWhenShown;
    private final long[] eventsSoFar;
    private int head;

    HeadProgress(ScenarioRunner.ProgressWatcher watcher, int runs) {
        this.watcher = watcher;
        this.ended = new boolean[runs];
        this.variants = new String[runs];
        this.runMicros = new long[runs];
        this.shown = new ProgressListener[runs];
        this.eventsWhenShown = new long[runs];
        this.eventsSoFar = new long[runs];
    }

    /** The watcher run {@code index} reports to. */
    ScenarioRunner.ProgressWatcher forRun(int index) {
        return new ScenarioRunner.ProgressWatcher() {
            @Override
            public ProgressListener started(String variant, long micros) {
                synchronized (HeadProgress.this) {
                    variants[index] = variant;
                    runMicros[index] = micros;
                    if (index == head) {
                        show(index);
                    }
                }
                return (now, events) -> tick(index, now, events);
            }

            @Override
            public void ended() {
                runEnded(index);
            }
        };
    }

    private synchronized void tick(int index, long now, long events) {
        eventsSoFar[index] = events;
        if (index == head && shown[index] != null) {
            shown[index].progress(now, events - eventsWhenShown[index]);
        }
    }

    private void show(int index) {
        shown[index] = watcher.started(variants[index], runMicros[index]);
        eventsWhenShown[index] = eventsSoFar[index];
    }

    private synchronized void runEnded(int index) {
        ended[index] = true;
        if (index != head) {
            return;
        }
        watcher.ended();
        head++;
        while (head < ended.length && ended[head]) {
            head++;
        }
        if (head < ended.length && variants[head] != null) {
            show(head);
        }
    }
}
