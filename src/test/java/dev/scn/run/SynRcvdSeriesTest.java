package dev.scn.run;

import dev.scn.load.ScenarioLoad;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On 7.x and later netstat lists the syncache's entries as SYN_RCVD (syncache_pcblist), and
 * TcpStack.count counts them. The chart's series must say the same at every instant, also when
 * a real connection passes through SYN_RCVD while entries are held: it used to hear the pcbs
 * alone then, and fell to 0 under a flood.
 */
class SynRcvdSeriesTest {
    @Test
    void theSynRcvdSeriesIsWhatNetstatCountsAtEverySample() {
        Scenario scenario = ScenarioLoad.text("""
                scenario flood {
                    run 20s
                    host server {
                        os freebsd 9.3
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    host client {
                        os freebsd 9.3
                        ip 198.51.100.7
                    }
                    link client server delay 40ms
                    traffic flood from 198.18.0.0/16 to server:80 rate 20/s during 0s..10s {
                        request 300 response 20k
                        100% syn-only
                    }
                    link flood server delay 10ms
                    every 100ms sample server
                    every 1s from 1s until 9s client connect server:80 as c1
                }
                """, "flood.scn").scenario();
        RunResult r = new ScenarioRunner(scenario, ScenarioRunner.RunOptions.defaults()).run(ScenarioRunner.BASE);
        StepSeries synRcvd = r.steps().tcpStates().get("server").get("SYN_RCVD");
        int nonZero = 0;
        for (Snapshot s : r.samples()) {
            if (!s.host().equals("server")) {
                continue;
            }
            long listed = s.tcpStates().getOrDefault("SYN_RCVD", 0);
            assertEquals(listed, synRcvd.valueAt(s.timeMicros()), "at " + s.timeMicros() + " us");
            nonZero += listed > 0 ? 1 : 0;
        }
        // 20 SYNs a second whose SYN-ACKs are never answered: entries are held throughout.
        assertTrue(nonZero > 50, "samples with entries listed: " + nonZero);
    }
}
