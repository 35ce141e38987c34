package dev.scn.engine.ipfw;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpfwCommandTest {

    private static IpfwSyntaxException error(String line) {
        return assertThrows(IpfwSyntaxException.class, () -> IpfwCommand.parse(line));
    }

    @Test
    @DisplayName("parser: an unsupported action is reported at its word, naming the supported ones")
    void unsupportedActionIndex() {
        IpfwSyntaxException e = error("add 300 divert 8668 ip from any to any");
        assertEquals(2, e.getMessage().isEmpty() ? -1 : e.wordIndex());
        assertTrue(e.getMessage().contains("supported actions: allow"), e.getMessage());
    }

    @Test
    @DisplayName("parser: limit needs a mask and a session count (ipfw2.c add, TOK_LIMIT), at the word")
    void limitNeedsMaskAndCount() {
        IpfwSyntaxException noMask = error("-q add 400 allow tcp from any to me 22 setup limit 4");
        assertEquals(12, noMask.wordIndex(), "where the mask should be");
        assertTrue(noMask.getMessage().contains("missing limit mask"), noMask.getMessage());
        IpfwSyntaxException noCount = error("add 400 allow tcp from any to me 22 setup limit src-addr");
        assertEquals(12, noCount.wordIndex(), "after the mask");
        IpfwSyntaxException both = error("add 400 allow tcp from any to me 22 keep-state limit src-addr 2");
        assertEquals(10, both.wordIndex(), "at 'limit'");
        IpfwCommand.Add add = (IpfwCommand.Add) IpfwCommand.parse("add 400 allow tcp from any to me 22 setup limit dst-port src-addr 4");
        RuleOption.Limit limit = (RuleOption.Limit) add.spec().options().get(1);
        assertEquals(RuleOption.Limit.SRC_ADDR | RuleOption.Limit.DST_PORT, limit.mask());
        assertEquals(4, limit.count());
        assertEquals("limit src-addr,dst-port 4", limit.text());
    }

    @Test
    @DisplayName("parser: unknown options, bad addresses, missing 'to' and bad rule numbers carry their index")
    void errorIndexes() {
        assertEquals(9, error("add 200 allow tcp from any to me 80 frag").wordIndex());
        assertEquals(4, error("add allow tcp from 10.0.0.300 to any").wordIndex());
        assertEquals(6, error("add allow tcp from any 80 me").wordIndex());
        assertEquals(1, error("delete 70000").wordIndex());
        assertEquals(0, error("-x show").wordIndex());
        assertEquals(0, error("resetlog").wordIndex());
    }

    @Test
    @DisplayName("parser: flags, enable/disable, list and show variants")
    void commands() {
        assertInstanceOf(IpfwCommand.Flush.class, IpfwCommand.parse("-f flush"));
        assertEquals(new IpfwCommand.SetSysctl("net.inet.ip.fw.dyn_keepalive", 0),
                IpfwCommand.parse("disable dyn_keepalive"));
        assertEquals(new IpfwCommand.ListRules(true, true, true, java.util.List.of()), IpfwCommand.parse("-d -e show"));
        assertEquals(new IpfwCommand.ListRules(false, true, false, java.util.List.of()), IpfwCommand.parse("-d list"));
        assertEquals(new IpfwCommand.Zero(false, java.util.List.of(200)), IpfwCommand.parse("zero 200"));
        IpfwCommand.Add add = (IpfwCommand.Add) IpfwCommand.parse("-q add check-state");
        assertTrue(add.quiet());
        assertEquals(0, add.number());
    }

    @Test
    @DisplayName("ipfw add numbers rules last + net.inet.ip.fw.autoinc_step and echoes the rule as show_ipfw prints it")
    void autoNumberingAndEcho() {
        IpfwBed bed = new IpfwBed("5.4");
        assertEquals(String.format("00100 check-state%n"), bed.execute("add check-state"));
        assertEquals(String.format("00200 allow tcp from any to me dst-port 80 setup keep-state%n"),
                bed.execute("add allow tcp from any to me 80 setup keep-state"));
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.autoinc_step", 5);
        bed.execute("-q add 1000 deny ip from 10.0.0.0/8 to any");
        assertEquals("", bed.execute("-q add count log udp from any 1024-65535 to not me 53,123"));
        assertEquals(1005, bed.ipfw.rules().get(3).number());
        assertEquals("count log udp from any 1024-65535 to not me dst-port 53,123", bed.ipfw.rules().get(3).text());
        assertEquals("deny ip from 10.0.0.0/8 to any", bed.ipfw.rules().get(2).text());
        assertEquals("deny ip from any to any", bed.ipfw.rules().get(4).text());
        assertEquals(5, bed.sysctl("static_count"));
    }

    @Test
    @DisplayName("deleting a rule that does not exist is refused by the kernel")
    void deleteMissingRule() {
        IpfwBed bed = new IpfwBed("5.4");
        IpfwCommandException e = assertThrows(IpfwCommandException.class, () -> bed.execute("delete 300"));
        assertTrue(e.getMessage().contains("rule 300"));
    }

    /**
     * ipfw2.c flush(), the same from RELENG_4 to 14.x: after the IP_FW_FLUSH (or IP_FW_XDEL)
     * setsockopt, {@code if (!do_quiet) printf("Flushed all %s.\n", "rules")}; -f only skips the
     * confirmation, -q silences the line.
     */
    @Test
    @DisplayName("ipfw [-f] flush prints \"Flushed all rules.\" unless -q, on every release")
    void flushSaysSo() {
        for (String release : java.util.List.of("4.11", "5.4", "9.3", "14.2")) {
            IpfwBed bed = new IpfwBed(release);
            bed.execute("add check-state");
            assertEquals("Flushed all rules.\n", bed.execute("-f flush"), release);
            assertEquals(1, bed.ipfw.rules().size(), release + ": only the default rule 65535 is left");
            bed.execute("add check-state");
            assertEquals("", bed.execute("-q flush"), release);
            assertEquals("", bed.execute("-f -q flush"), release);
        }
    }
}
