package dev.scn.run;

import dev.scn.engine.kernel.ProgressListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs side by side, heard in order: the relay for output and the head-following progress. */
class OrderedRelayTest {

    /** Records calls as text. */
    private static final class Recorder implements ScenarioRunner.Listener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void started(String scenario, String variant, long seed) {
            calls.add("start " + variant);
        }

        @Override
        public void shown(ShowOutput show) {
            calls.add("show " + show.text());
        }

        @Override
        public void packet(RunResult.TimedPacket packet) {
            calls.add("packet");
        }

        @Override
        public void finished(RunResult result) {
            calls.add("end");
        }
    }

    @Test
    @DisplayName("later runs speaking first are held until every earlier run has ended")
    void laterRunsWaitForEarlierOnes() {
        Recorder target = new Recorder();
        OrderedRelay relay = new OrderedRelay(target, 3);
        ScenarioRunner.Listener base = relay.forRun(0);
        ScenarioRunner.Listener fix = relay.forRun(1);
        ScenarioRunner.Listener third = relay.forRun(2);
        // The interleaving two threads could produce: run 2 ends before run 1, both before run 0.
        third.started("s", "third", 1);
        third.shown(new ShowOutput(1, "h", "c", "t1"));
        fix.started("s", "fix", 1);
        base.started("s", "base", 1);
        fix.shown(new ShowOutput(1, "h", "c", "f1"));
        third.finished(null);
        base.shown(new ShowOutput(1, "h", "c", "b1"));
        fix.finished(null);
        base.finished(null);
        assertEquals(List.of("start base", "show b1", "end", "start fix", "show f1", "end",
                "start third", "show t1", "end"), target.calls);
    }

    @Test
    @DisplayName("the progress line follows the first run not ended, and counts its events from when it is shown")
    void progressFollowsTheHead() {
        List<String> seen = new ArrayList<>();
        ScenarioRunner.ProgressWatcher line = new ScenarioRunner.ProgressWatcher() {
            @Override
            public ProgressListener started(String variant, long runMicros) {
                seen.add("started " + variant);
                return (now, events) -> seen.add(variant + " " + now + " " + events);
            }

            @Override
            public void ended() {
                seen.add("ended");
            }
        };
        HeadProgress head = new HeadProgress(line, 2);
        ProgressListener base = head.forRun(0).started("base", 100);
        ProgressListener fix = head.forRun(1).started("fix", 100);
        base.progress(10, 65_536);
        fix.progress(20, 65_536);          // not the head: not shown
        fix.progress(30, 131_072);
        head.forRun(0).ended();            // the fix run becomes the head, 131,072 events in
        fix.progress(40, 196_608);         // 65,536 events since it was shown
        head.forRun(1).ended();
        assertEquals(List.of("started base", "base 10 65536", "ended", "started fix", "fix 40 65536", "ended"), seen);
    }
}
