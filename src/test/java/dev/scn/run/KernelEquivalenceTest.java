package dev.scn.run;

import dev.scn.engine.kernel.Simulator;
import dev.scn.load.ScenarioLoad;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast event kernel changes nothing a user can see. The same generated traffic (every
 * client behaviour of the mix, jitter and loss, ipfw keep-state with a small table, a sysctl
 * changed mid-run, a variant whose table fills) runs on the reference kernel (a binary heap,
 * timers re-keyed at once, every packet's arrival an event of its own) and on the fast one (a
 * timing wheel before a 4-ary heap, timers moved later re-keyed when their old key comes up, the
 * packets of one link direction sharing one queued event); every observation is compared byte
 * for byte: each {@code show} (netstat -an and ipfw -d show) at its instant, every packet's
 * tcpdump line, and the JSON result with its counters, samples, end states and expectations.
 * Once with a jittered link (packets may overtake: some travel alone, some share) and once
 * without (all share).
 */
class KernelEquivalenceTest {

    private static final String SCENARIO = """
            scenario mixed {
                seed 42
                run 20m
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    sysctl net.inet.ip.fw.dyn_max=300
                    ipfw add 100 check-state
                    ipfw add 200 allow tcp from any to me 80 setup keep-state
                    ipfw add 65000 deny ip from any to any
                    listen 80 http { request 300 response 20k then close }
                }
                traffic web from 203.0.113.0/24 to server:80 rate 3/s during 0s..8m {
                    request 300 response 20k
                    55% normal
                    10% vanish
                    10% reset
                    8% lose-fin
                    7% slow-close 20s
                    5% idle 3s
                    5% syn-only
                }
                link web server LINK
                every 30s  show server netstat
                every 45s  show server ipfw
                every 1m   sample server
                at 6m      on server sysctl net.inet.ip.fw.dyn_keepalive=0
                always     expect server ipfw dynamic <= 300
                at 19m     expect server netstat FIN_WAIT_2 >= 0
                variant "smaller table" {
                    on server sysctl net.inet.ip.fw.dyn_max=40
                }
            }
            """;

    @ParameterizedTest(name = "link {0}")
    @ValueSource(strings = {"delay 40ms jitter 5ms loss 1%", "delay 40ms loss 1%"})
    @DisplayName("reference and fast kernels: same shows, packets and JSON result, byte for byte")
    void fastKernelIsInvisible(String link) {
        String reference = observe(Simulator.Kernel.REFERENCE, link);
        String fast = observe(Simulator.Kernel.FAST, link);
        // Not vacuous: the mix produced traffic and listings to compare.
        assertTrue(reference.length() > 100_000, "observations: " + reference.length() + " chars");
        assertTrue(reference.contains("FIN_WAIT_2"), "a vanishing client leaves FIN_WAIT_2");
        assertEquals(reference, fast);
    }

    private static String observe(Simulator.Kernel kernel, String link) {
        ScenarioLoad.Loaded loaded = ScenarioLoad.text(SCENARIO.replace("LINK", link), "mixed.scn");
        assertTrue(loaded.usable(), () -> loaded.diagnostics().toString());
        ScenarioRunner runner = new ScenarioRunner(loaded.scenario(),
                ScenarioRunner.RunOptions.defaults().withKernel(kernel));
        StringBuilder seen = new StringBuilder();
        runner.streamTo(new ScenarioRunner.Listener() {
            @Override
            public void started(String scenario, String variant, long seed) {
                seen.append("== ").append(variant).append(' ').append(seed).append('\n');
            }

            @Override
            public void shown(ShowOutput show) {
                seen.append(show.timeMicros()).append(' ').append(show.host()).append("# ")
                        .append(show.command()).append('\n').append(show.text()).append('\n');
            }

            @Override
            public void packet(RunResult.TimedPacket packet) {
                seen.append(packet.timeMicros()).append(' ').append(packet.host()).append(' ')
                        .append(packet.tcpdump()).append('\n');
            }
        }, true);
        List<RunResult> runs = new ArrayList<>(runner.runAll(runner.variantNames()));
        seen.append(ResultJson.write("mixed.scn", runs));
        for (RunResult run : runs) {
            seen.append("events ").append(run.eventsProcessed()).append('\n');
        }
        return seen.toString();
    }
}
