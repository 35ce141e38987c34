package dev.scn.run;

import dev.scn.load.ScenarioLoad;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report's run keeps the first packets only and counts the rest: long runs stay in memory. */
class KeptPacketsTest {

    @Test
    @DisplayName("past 250,000 packets a report's run counts packets instead of keeping them")
    void packetsBeyondTheCapAreCounted() {
        // 50 connections/s for 220 s: about 11,000 fetches of 20 KiB at some 29 packets each,
        // about 320,000 packets, so the cap of 250,000 is passed by a wide margin.
        String source = """
                scenario many {
                    seed 3
                    run 4m
                    host server {
                        os freebsd 5.4
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    traffic web from 198.18.0.0/16 to server:80 rate 50/s during 0s..220s {
                        request 300 response 20k
                        100% normal
                    }
                    link web server delay 40ms
                }
                """;
        ScenarioLoad.Loaded loaded = ScenarioLoad.text(source, "many.scn");
        RunResult run = new ScenarioRunner(loaded.scenario(),
                ScenarioRunner.RunOptions.forReport(loaded.scenario(), ScenarioRunner.DEFAULT_MAX_EVENTS))
                .run(ScenarioRunner.BASE);
        long sent = run.packetsByKind().get("sent");
        assertTrue(sent > 300_000, "sent " + sent);
        assertEquals(ScenarioRunner.MAX_KEPT_PACKETS, run.packets().size());
        assertEquals(sent - ScenarioRunner.MAX_KEPT_PACKETS, run.packetsNotKept());
        // The kept ones are the first: time never goes back and the last kept is before the end.
        assertTrue(run.packets().get(run.packets().size() - 1).timeMicros() < 220_000_000L);
    }
}
