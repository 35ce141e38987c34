package dev.scn.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every scenario in scenarios/, the narrative in both languages names the real cause and its
 * key numbers. Every expected number is derived by hand below from the scenario's own comments
 * (FreeBSD 5.4 unless said: 40 ms one-way link, the server's FIN acknowledged at A = 0.36 s,
 * dyn_ack_lifetime 300 s, keepalive when ≤ 20 s remain, maxidle = 8 × 75 s = 600 s).
 */
class NarrativeTest {
    private static final Map<String, String> EN = new TreeMap<>();
    private static final Map<String, String> ZH = new TreeMap<>();

    @BeforeAll
    static void buildAll() throws IOException {
        Messages en = Messages.load(Lang.EN);
        Messages zh = Messages.load(Lang.ZH);
        // The lengthy ones (five days of traffic) are told by LongScenariosTest from their first minutes.
        for (Path f : dev.scn.cli.ScenarioFolder.quick()) {
            Report report = SeedReport.build(f).report();
            String name = f.getFileName().toString().replace(".scn", "");
            EN.put(name, text(report, en));
            ZH.put(name, text(report, zh));
        }
    }

    private static String text(Report report, Messages m) {
        List<String> out = new ArrayList<>();
        for (Report.Paragraph p : report.narrative()) {
            out.add((p.variant() == null ? "" : m.text("story.variantLabel", p.variant()) + " ")
                    + m.text(p.heading().key(), p.heading().args()));
            p.steps().forEach(s -> out.add(m.text(s.key(), s.args())));
        }
        return String.join("\n", out);
    }

    private static void contains(String scenario, String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), scenario + ": expected «" + part + "» in\n" + text);
        }
    }

    @Test
    @DisplayName("every scenario has a narrative in both languages, with full-width punctuation in Chinese")
    void everyScenarioTold() {
        assertEquals(13, EN.size(), EN.keySet().toString());
        for (String name : EN.keySet()) {
            assertFalse(EN.get(name).isBlank(), name);
            assertFalse(ZH.get(name).contains("ended normally"), name);
            // generated Chinese uses ，。：；（） — never ASCII ", " or ": " between Chinese words
            assertFalse(ZH.get(name).matches("(?s).*[\\u4e00-\\u9fff][,;:] .*"), name + ":\n" + ZH.get(name));
        }
    }

    /**
     * client-rst-ends-it: the first keepalive pair goes at 300 - 19 = 281 s (expire 300, sent when
     * ≤ 20 s remain, first tick at 281 on the 5 s phase); the probe reaches the client at 281.04 s,
     * which answers RST; it reaches the server at 281.08 s, where seq == last_ack_sent in
     * FIN_WAIT_2: accepted. check-state cuts the state to dyn_rst_lifetime = 1 s: expire =
     * time_uptime + 1 = 281 + 1 (whole seconds, lookup_dyn_rule), so it is dead at 282 s, not 282.08 s.
     */
    @Test
    @DisplayName("client-rst-ends-it: the client's RST, in answer to the keepalive at 281 s, ends it")
    void clientRst() {
        String en = EN.get("client-rst-ends-it");
        contains("client-rst en", en, "client sent an RST at 281.04 s", "reached server at 281.08 s",
                "FIN_WAIT_2 accepted it (its sequence number equals last_ack_sent, the exact match)", "answered ipfw's keepalive",
                "rule 200's dynamic state on server sent a probe at 281 s", "cut to 1 s",
                "net.inet.ip.fw.dyn_rst_lifetime", "died at 282 s.");
        assertFalse(en.contains("normally"), en);
        String zh = EN.get("client-rst-ends-it").isEmpty() ? "" : ZH.get("client-rst-ends-it");
        contains("client-rst zh", zh, "client 在 281.04 秒发出一个 RST", "281.08 秒到达 server", "keepalive",
                "其序列号正好等于 last_ack_sent", "缩短为 1 秒", "在 282 秒失效");
    }

    /**
     * ipfw-flush-then-wait: the flush at 1 h = 3600 s removes rule 200's state; no keepalive after
     * it. The last ipfw keepalive reached the server's TCP (over lo0) at 281 + 285 × 11 = 3416 s: that
     * probe itself is the last segment, not an answer to one (the server answers it). The timer re-checks
     * at 0.36 + 600 + 75k and closes at the first check more than 600 s after 3416: k = 46, 4050.36 s,
     * when the last segment is 4050.36 - 3416 = 634.36 s old.
     */
    @Test
    @DisplayName("ipfw-flush-then-wait: the flush at 3600 s, then the FIN_WAIT_2 timer at 4050.36 s")
    void flush() {
        String en = EN.get("ipfw-flush-then-wait");
        contains("flush en", en, "At 3600 s the command \"ipfw -f flush\" on server deleted rule 200",
                "0 ipfw keepalives followed", "closed it at 4050.36 s", "the last segment, an ipfw keepalive received at 3416 s",
                "634.36 s old", "limit of 600 s", "TCPTV_KEEPCNT = 8 · net.inet.tcp.keepintvl = 75000 ms");
        contains("flush zh", ZH.get("ipfw-flush-then-wait"), "3600 秒时", "“ipfw -f flush”", "删除了规则 200",
                "4050.36 秒关闭了它", "3416 秒时收到的 ipfw keepalive", "634.36 秒");
    }

    /**
     * time-wait-on-the-server (5.4): Apache closes first, so the server holds TIME_WAIT for 2 × msl
     * = 2 × 30 s = 60 s, then until tcp_slowtimo's next walk, every 0.5 s: 60.25 s on average;
     * Little's law: 10/s × 60.25 s = 602.5. The variant's msl = 15 s: 30 + 0.25 = 30.25 s, about
     * 302.5.
     */
    @Test
    @DisplayName("time-wait-on-the-server: TIME_WAIT count, 2·MSL = 60 s and the walk, Little's law 602.5, the variant's 302.5")
    void timeWait() {
        String en = EN.get("time-wait-on-the-server");
        contains("time-wait en", en, "Connections in TIME_WAIT piled up on server",
                "2·MSL = 60 s (net.inet.tcp.msl = 30 s) and then until tcp_slowtimo's next walk of the TIME_WAIT list,"
                        + " which comes every 0.5 s: 60.25 s on average",
                "10 new connections a second each held 60.25 s give about 602.5",
                "TIME_WAIT lasts 30.25 s, so Little's law gives about 302.5");
        // the few FIN_WAIT_1 in flight (well under a tenth of the TIME_WAIT pile) get no paragraph
        assertFalse(en.contains("Connections in FIN_WAIT_1 piled up"), en);
        contains("time-wait zh", ZH.get("time-wait-on-the-server"), "TIME_WAIT", "2·MSL = 60 秒", "每 0.5 秒一次",
                "平均共 60.25 秒", "约有 602.5 个", "约为 302.5 个");
    }

    /**
     * finwait2-ipfw-keepalive: 2 d = 172800 s; keepalive rounds at 281 + 285k s up to 172800:
     * k ≤ (172800 - 281) / 285 = 605.3, so 606 rounds, 1212 probes; each answer sets the state to
     * dyn_ack_lifetime 300 s. The fix variant: no keepalives, the timer closes at A + 600 + 75 =
     * 675.36 s (first check at 600.36 finds 600 s idle, not more than maxidle).
     */
    @Test
    @DisplayName("finwait2-ipfw-keepalive: 606 rounds every 285 s refresh 300 s; the fix closes at 675.36 s")
    void seed() {
        String en = EN.get("finwait2-ipfw-keepalive");
        contains("seed en", en, "entered FIN_WAIT_2 on server at 0.36 s", "net.inet.ip.fw.dyn_keepalive = 1",
                "606 rounds (1212 probes in all), the first at 281 s", "every ≈ 285 s",
                "back to 300 s (net.inet.ip.fw.dyn_ack_lifetime)", "closed it at 675.36 s",
                "while in the base run it was still in FIN_WAIT_2 at the end (172800 s)");
        contains("seed zh", ZH.get("finwait2-ipfw-keepalive"), "net.inet.ip.fw.dyn_keepalive = 1", "共 606 轮",
                "约每 285 秒一轮", "300 秒", "675.36 秒");
    }

    /**
     * finwait2-across-releases: 5.4 loops forever (303 rounds in 1 d: (86400 - 281) / 285 = 302.2);
     * 9.3: last segment (the answer to the 566 s probe) at 566 s, closed at A + 1200 = 1200.36 s,
     * 634.36 s after it; 14.2: A = 0.28 s, last segment 570 s, closed at 1200.28 s.
     */
    @Test
    @DisplayName("finwait2-across-releases: 5.4 forever, 9.3 closes at 1200.36 s, 14.2 at 1200.28 s")
    void releases() {
        String en = EN.get("finwait2-across-releases");
        contains("releases en", en, "303 rounds", "\"freebsd 9.3\"", "closed it at 1200.36 s", "received at 566 s",
                "\"freebsd 14.2\"", "closed it at 1200.28 s", "received at 570 s");
        // the release's own mechanism: 5.4 the 2002 code; 9.3 the 2012 both-sides code, whose only
        // refresh is the answer at 281 s, so the state expires at 281 + 300 = 581 s; 14.2 the 2018
        // rewrite, refreshed at 285 s, expiring at 585 s (swept by the one-second tick at once)
        contains("releases en", en, "ipfw2 dynamic-rule code of 2002", "2012 dynamic-rule code (r232272)",
                "last refresh was at 281 s, for 300 s", "expired at 581 s", "2018 rewrite",
                "last refresh was at 285 s, for 300 s", "expired at 585 s");
        contains("releases zh", ZH.get("finwait2-across-releases"), "1200.36 秒", "1200.28 秒", "566 秒", "570 秒",
                "2012 年的动态规则代码", "581 秒过期", "585 秒过期");
    }

    /**
     * dyn-max-overflow: dyn_max lowered to 50; the 51st client's SYN finds the table full and ipfw
     * logs "ipfw: install_state: Too many dynamic rules" (5.4), at most once a second; 50 rules live
     * at the end, 50 FIN_WAIT_2 connections.
     */
    @Test
    @DisplayName("dyn-max-overflow: the table full at dyn_max 50, with the log line")
    void dynMax() {
        String en = EN.get("dyn-max-overflow");
        contains("dyn-max en", en, "Connections in FIN_WAIT_2 piled up on server", "50 at the end",
                "50 live dynamic rules", "net.inet.ip.fw.dyn_max 50", "\"ipfw: install_state: Too many dynamic rules\"");
        contains("dyn-max zh", ZH.get("dyn-max-overflow"), "动态规则表已满", "Too many dynamic rules", "dyn_max 为 50");
    }

    /**
     * syn-flood-fills-ipfw (9.3): c1's SYNs leave at 5, 8.0, 11.2, 14.4, 17.6 and 20.8 s (3.0, 6.2,
     * 9.4, 12.6, 15.8 s after the first); the first five reach a full table and are denied (the
     * first at 5.04 s), the sixth gets in once the flood's first states died of dyn_syn_lifetime:
     * 6 SYNs. The table-full line is 9.3's wording, "ipfw: ipfw_install_state: Too many dynamic
     * rules", first when the 101st flood SYN arrives (about 1 s).
     */
    @Test
    @DisplayName("syn-flood-fills-ipfw: six SYNs, the first denied by ipfw at 5.04 s, the sixth through at 20.8 s")
    void synFlood() {
        String en = EN.get("syn-flood-fills-ipfw");
        contains("syn-flood en", en, "client sent 6 SYN segments before one was answered: the first at 5 s, the one"
                + " that got through at 20.8 s", "At 5.04 s the first lost segment stopped at server: ipfw denied it",
                "Too many dynamic rules", "against net.inet.ip.fw.dyn_max 100");
        contains("syn-flood zh", ZH.get("syn-flood-fills-ipfw"), "client 共发出 6 个 SYN 报文才得到应答",
                "5.04 秒时，第一个丢失的报文停在 server：ipfw 拒绝了它");
    }

    /**
     * middlebox-eats-client-fin: the client's RTT estimate is srtt 80 ms, rttvar 30 ms, so
     * TCP_REXMTVAL = 80 + 4 × 30 = 200 ms, and 140 ms (30 × 4 + 80 / 4) once srtt is folded into
     * rttvar from the 4th timeout. ipfw's keepalive at 281 s (window 0) restarts the backoff at
     * 281.04 s; from there the timeouts are 64 s (the t_rxtcur in force), then 140 × 2^k + 200 ms
     * for k = 1..8 (0.48 … 36.04 s) and 64 s three times: 345.04 + 0.48 + 0.76 + 1.32 + 2.44 +
     * 4.68 + 9.16 + 18.12 + 36.04 + 64 × 3 = 610.04 s; the 13th expiry, 64 s later at 674.04 s,
     * drops the connection with an RST (seq FIN + 1, in the server's window): the server closes at
     * 674.08 s; check-state sets expire = 674 + dyn_rst_lifetime 1 = 675 s (whole seconds).
     * Variant dyn_keepalive=0: no window 0, so the first series runs out: 2 + 0.4 + 0.6 + 1.0 +
     * 1.8 + 3.4 + 4.68 + 9.16 + 18.12 + 36.04 + 64 × 4 = 333.2 s (the 4th timeout, 200 × 16 + 200
     * = 3.4 s, is computed before tcp_timer_rexmt clears srtt; it was 2.44 s and the give-up
     * 332.24 s while the engine cleared first); its RST meets a dead state and rule 200's setup:
     * denied; FIN_WAIT_2 ends by its timer at 0.36 + 600 + 75 = 675.36 s. Variant letting RSTs in:
     * the RST of 333.2 s arrives at 333.24 s and closes it. The base run is unchanged: srtt is
     * already 0 in the second series, so the order makes no difference there.
     */
    @Test
    @DisplayName("middlebox-eats-client-fin: the client's give-up RST at 674.04 s ends FIN_WAIT_2; 675.36 s and 333.24 s in the variants")
    void middleboxEatsFin() {
        String en = EN.get("middlebox-eats-client-fin");
        contains("middlebox en", en, "closed at 674.08 s", "client sent an RST at 674.04 s", "reached server at 674.08 s",
                "FIN_WAIT_2 accepted it (its sequence number lies in the receive window)", "died at 675 s.",
                "closed it at 675.36 s", "600 s", "client sent an RST at 333.2 s", "reached server at 333.24 s");
        contains("middlebox zh", ZH.get("middlebox-eats-client-fin"), "674.04 秒发出一个 RST", "674.08 秒到达 server",
                "在 675 秒失效", "675.36 秒关闭", "333.2 秒发出一个 RST", "333.24 秒到达 server");
    }

    /**
     * keep-state-without-setup: the reload at 3600 s flushes rule 200 and its state; no keepalive
     * after it (states made by non-SYN packets never have BOTH_SYN, and live 1 s). The client closes
     * at 3800 s: its FIN reaches the server at 3800.04 s, the server's FIN reaches the client at
     * 3800.08 s, whose last ACK closes the server's LAST_ACK at 3800.12 s. Variant "with setup": the
     * connection stays ESTABLISHED on the server to the end of the run (75 min = 4500 s); before the
     * reload 12 keepalive rounds (281 + 285k, k = 0..11): 24 probes.
     */
    @Test
    @DisplayName("keep-state-without-setup: closed at 3800.12 s without setup, ESTABLISHED to the end with it")
    void keepStateWithoutSetup() {
        String en = EN.get("keep-state-without-setup");
        contains("no-setup en", en, "At 3600 s the command \"ipfw -q flush\" on server deleted rule 200",
                "closed it from LAST_ACK at 3800.12 s", "still in ESTABLISHED when the run ended at 4500 s",
                "12 rounds (24 probes in all)", "the first at 281 s");
        assertFalse(en.contains("found a recent segment at each check"), en);
        contains("no-setup zh", ZH.get("keep-state-without-setup"), "3600 秒时", "“ipfw -q flush”", "3800.12 秒从 LAST_ACK 关闭",
                "4500 秒结束时仍停留在 ESTABLISHED", "共 12 轮（24 个探测）");
    }

    /**
     * ifconfig-down-up: em0 is down from 3600 to 3900 s; the pair of 3701 s still refreshes the rule
     * (the server's answer passes ipfw's output hook before ether_output refuses it), so the rounds
     * go on at 281 + 285k up to 7121 s (k = 24): 25 rounds, 25 refreshes by the server's answers; the
     * rule then has 7121 + 300 - 7200 = 221 s left. The FIN_WAIT_2 timer re-checks every 75 s from
     * 600.36 s: (7125.36 - 600.36) / 75 + 1 = 88 re-arms, next check 7200.36 s. Variant with
     * dyn_keepalive=0 at 1 h: the last keepalive reached the server's TCP at 3416 s; closed at
     * 0.36 + 600 + 75 × 46 = 4050.36 s, when that segment is 634.36 s old.
     */
    @Test
    @DisplayName("ifconfig-down-up: the loop goes on through the down time; with dyn_keepalive=0 at 1 h closed at 4050.36 s")
    void ifconfigDownUp() {
        String en = EN.get("ifconfig-down-up");
        contains("ifconfig en", en, "still in FIN_WAIT_2 when the run ended at 7200 s", "25 refreshes, 25 of them",
                "the last at 7121 s", "re-armed 88 times", "next check at 7200.36 s", "221 s to go",
                "closed it at 4050.36 s", "an ipfw keepalive received at 3416 s", "634.36 s old");
        contains("ifconfig zh", ZH.get("ifconfig-down-up"), "7200 秒结束时仍停留在 FIN_WAIT_2", "最后一次在 7121 秒",
                "共重新启动 88 次", "还剩 221 秒", "4050.36 秒关闭了它", "3416 秒时收到的 ipfw keepalive", "634.36 秒");
    }

    /**
     * A variant that only adds operator commands to the timeline still changes the run: the
     * variants table lists them (it used to print "—", no change). ifconfig-down-up's fix variant
     * runs sysctl net.inet.ip.fw.dyn_keepalive=0 at 1 h; keep-state-without-setup's reloads rule
     * 200 with setup at 1 h.
     */
    @Test
    @DisplayName("a variant's timeline commands are listed among its changes")
    void timelineChangesListed() throws IOException {
        Report ifconfig = SeedReport.build(Path.of("scenarios/ifconfig-down-up.scn")).report();
        assertEquals(List.of("at 1h server: sysctl net.inet.ip.fw.dyn_keepalive=0"), ifconfig.runs().get(1).changes());
        Report setup = SeedReport.build(Path.of("scenarios/keep-state-without-setup.scn")).report();
        assertEquals(List.of("at 1h server: ipfw delete 200",
                "at 1h server: ipfw add 200 allow tcp from any to me 80 setup keep-state"), setup.runs().get(1).changes());
        assertEquals(List.of(), setup.runs().get(0).changes());
    }

    /**
     * half-close-finwait2-no-timer (5.4, 40 ms): c1's FIN leaves app at 2 s, is acknowledged at
     * once by receiver (2.04 s) and the ACK is back at 2.08 s: FIN_WAIT_2 from 2.08 s, no timer
     * (shutdown only), still so at the end. receiver's end got the FIN at 2.04 s (CLOSE_WAIT) and
     * nothing after (it is down from 5 s): tcp_timer_keep (always_keepalive) drops it when idle
     * >= keepidle + maxidle = 7200 + 8 x 75 = 7800 s, at 2.04 + 7800 = 7802.04 s. c2 (Apache
     * lingering close on app): request read at 0.12 s, shutdown then, close() after the 2 s read
     * timeout at 2.12 s, which arms 600 s: at 602.12 s the last segment (0.36 s) is 601.76 s old.
     */
    @Test
    @DisplayName("half-close-finwait2-no-timer: c1 stays in FIN_WAIT_2 from 2.08 s; c2 ends 600 s after close() at 2.12 s")
    void halfClose() {
        String en = EN.get("half-close-finwait2-no-timer");
        contains("half-close en", en, "On app the connection is in FIN_WAIT_2 at the end (since 2.08 s)",
                "Its keepalive timer closed it at 7802.04 s", "which reaches the limit of 7800 s",
                "The FIN_WAIT_2 timer was armed at 2.12 s for 600 s", "closed it at 602.12 s",
                "601.76 s earlier (at 0.36 s)",
                // c1's end on app: FIN_WAIT_2 from 2.08 s, and the run records no FIN_WAIT_2 timer
                // for it (shutdown only: tcp_usrclosed arms none, the FIN_WAIT_1 -> FIN_WAIT_2 step
                // only when the socket cannot receive more); the run is 2 d = 172800 s.
                "No FIN_WAIT_2 timer was armed on app after it entered FIN_WAIT_2 at 2.08 s, so nothing ended it up to"
                        + " the end of the run (172800 s)");
        assertFalse(en.contains("more than the limit of 7800 s"), en);
        String zh = ZH.get("half-close-finwait2-no-timer");
        contains("half-close zh", zh, "app 上的这个连接处于 FIN_WAIT_2（从 2.08 秒起）", "7802.04 秒关闭了它",
                "达到了 7800 秒的上限", "FIN_WAIT_2 定时器在 2.12 秒启动，时长 600 秒", "602.12 秒关闭了它");
    }

    /**
     * dyn-keepalive-off-at-runtime (5.4): keepalive pairs every 285 s from start + 281 s (expire
     * start + 300, sent when less than 20 s remain, ticks at 1 + 5k). With dyn_keepalive=0 at
     * 3600 s the last pairs were c1 3416, c2 3516, c3 3561 (12, 12 and 9 pairs: 24, 24, 18
     * probes); the states expire 300 s later (3716, 3816, 3861 s); the FIN_WAIT_2 timers (start +
     * 600.36 + 75 k) first find more than 600 s of silence at 4050.36 s (634.36 s), 4150.36 s
     * (634.36 s) and 4225.36 s (664.36 s).
     */
    @Test
    @DisplayName("dyn-keepalive-off-at-runtime: each leaked connection ends at its derived instant after the sysctl")
    void keepaliveOffAtRuntime() {
        String en = EN.get("dyn-keepalive-off-at-runtime");
        contains("runtime-fix en", en, "sent 24 keepalive probes, from 281 s to 3416 s, then no more",
                "sent 24 keepalive probes, from 381 s to 3516 s, then no more",
                "sent 18 keepalive probes, from 1281 s to 3561 s, then no more",
                "it expired at 3716 s", "it expired at 3816 s", "it expired at 3861 s",
                "closed it at 4050.36 s", "closed it at 4150.36 s", "closed it at 4225.36 s",
                "was 634.36 s old", "was 664.36 s old", "while less than 20 s remain");
        String zh = ZH.get("dyn-keepalive-off-at-runtime");
        contains("runtime-fix zh", zh, "从 281 秒到 3416 秒共发出 24 个 keepalive 探测", "在 3716 秒过期",
                "在 4050.36 秒关闭了它", "在 4150.36 秒关闭了它", "在 4225.36 秒关闭了它", "已经过去 664.36 秒",
                "少于 20 秒");
    }

    /**
     * rst-into-finwait2-rfc5961 (14.2): two in-window inexact RSTs at 10 s and 20 s draw challenge
     * ACKs (RFC 5961: drop only if insecure_rst or seq == last_ack_sent); the exact one at 30 s
     * closes FIN_WAIT_2 at 30 s. With insecure_rst=1, and on 5.4 (window check), the first one
     * closes it at 10 s.
     */
    @Test
    @DisplayName("rst-into-finwait2-rfc5961: two challenge ACKs, then the exact RST closes at 30 s; 10 s with insecure_rst or 5.4")
    void rstRfc5961() {
        String en = EN.get("rst-into-finwait2-rfc5961");
        contains("rfc5961 en", en, "2 RST(s) in the receive window but not at the exact sequence number reached server (from 10 s to 20 s)",
                "challenge ACK", "An injected RST reached server at 30 s, where TCP in FIN_WAIT_2 accepted it (its sequence number equals last_ack_sent",
                "An injected RST reached server at 10 s, where TCP in FIN_WAIT_2 accepted it (its sequence number lies in the receive window)");
        assertFalse(en.contains("? sent"), en);
        String zh = ZH.get("rst-into-finwait2-rfc5961");
        contains("rfc5961 zh", zh, "有 2 个序列号在接收窗口内但不精确的 RST 到达 server（10 秒至 20 秒）", "挑战 ACK",
                "一个注入的 RST 在 30 秒到达 server", "一个注入的 RST 在 10 秒到达 server");
    }
}
