package dev.scn.engine.os;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {

    @ParameterizedTest(name = "freebsd {0} runs {1}")
    @CsvSource({"4.11, IPFW2_2002", "5.4, IPFW2_2002", "6.4, IPFW2_2002", "7.4, IPFW2_2002", "8.4, IPFW2_2002",
            "9.3, BOTH_SIDES_2012", "10.4, SWEEP_2013", "11.4, REWRITE_2018", "14.2, REWRITE_2018"})
    @DisplayName("model profiles table: each release runs its generation of ipfw's dynamic-rule code")
    void ipfwEraPerRelease(String release, IpfwEra era) {
        assertEquals(era, Profiles.exact(release).orElseThrow().ipfwEra());
    }

    @ParameterizedTest(name = "{0} resolves to {1}, approximate={2}")
    @CsvSource({"5.4, freebsd 5.4, false", "5.3, freebsd 5.4, true", "6.2, freebsd 6.4, true",
            "9.1, freebsd 9.3, true", "13.1, freebsd 11.4, true", "15.0, freebsd 14.2, true", "3.5, freebsd 4.11, true"})
    @DisplayName("a release that is not modelled maps to the nearest modelled one, flagged as approximate")
    void releaseToProfile(String asked, String profile, boolean approximate) {
        Profiles.Resolution r = Profiles.resolve(asked);
        assertEquals(profile, r.profile().name());
        assertEquals(approximate, r.approximate());
    }

    @Test
    void garbageReleaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Profiles.resolve("bsd"));
    }

    @Test
    @DisplayName("model §3: net.inet.ip.fw defaults are the code values (dyn_udp 10, dyn_short 5, dyn_max 4096 then 16384)")
    void ipfwSysctlDefaults() {
        Sysctls old = Profiles.exact("5.4").orElseThrow().newSysctls();
        assertEquals(300, old.get("net.inet.ip.fw.dyn_ack_lifetime"));
        assertEquals(20, old.get("net.inet.ip.fw.dyn_syn_lifetime"));
        assertEquals(1, old.get("net.inet.ip.fw.dyn_fin_lifetime"));
        assertEquals(1, old.get("net.inet.ip.fw.dyn_rst_lifetime"));
        assertEquals(10, old.get("net.inet.ip.fw.dyn_udp_lifetime"));
        assertEquals(5, old.get("net.inet.ip.fw.dyn_short_lifetime"));
        assertEquals(1, old.get("net.inet.ip.fw.dyn_keepalive"));
        assertEquals(4096, old.get("net.inet.ip.fw.dyn_max"));
        assertEquals(256, old.get("net.inet.ip.fw.dyn_buckets"));
        assertFalse(old.exists("net.inet.ip.fw.dyn_keep_states"));
        Sysctls modern = Profiles.exact("14.2").orElseThrow().newSysctls();
        assertEquals(16384, modern.get("net.inet.ip.fw.dyn_max"));
        assertEquals(0, modern.get("net.inet.ip.fw.dyn_keep_states"));
    }

    @Test
    @DisplayName("model §5: fast_finwait2_recycle and finwait2_timeout exist from 7.0 on (defaults 0 and 60 s)")
    void finwait2SysctlsFromSeven() {
        assertFalse(Profiles.exact("6.4").orElseThrow().newSysctls().exists("net.inet.tcp.fast_finwait2_recycle"));
        Sysctls seven = Profiles.exact("7.4").orElseThrow().newSysctls();
        assertEquals(0, seven.get("net.inet.tcp.fast_finwait2_recycle"));
        assertEquals(60_000, seven.get("net.inet.tcp.finwait2_timeout"));
    }

    @Test
    @DisplayName("model §5: TCP timer sysctls in ms: msl 30 s, keepidle 7200 s, keepintvl 75 s, keepinit 75 s")
    void tcpTimerDefaults() {
        Sysctls s = Profiles.exact("5.4").orElseThrow().newSysctls();
        assertEquals(30_000, s.get("net.inet.tcp.msl"));
        assertEquals(7_200_000, s.get("net.inet.tcp.keepidle"));
        assertEquals(75_000, s.get("net.inet.tcp.keepintvl"));
        assertEquals(75_000, s.get("net.inet.tcp.keepinit"));
    }

    @Test
    @DisplayName("sysctl(8) refuses unknown names, read-only values and values out of range")
    void administratorChangesAreChecked() {
        Sysctls s = Profiles.exact("5.4").orElseThrow().newSysctls();
        assertThrows(Sysctls.SysctlException.class, () -> s.setByAdministrator("net.inet.ip.fw.dyn_keepalve", 0));
        assertThrows(Sysctls.SysctlException.class, () -> s.setByAdministrator("net.inet.ip.fw.dyn_count", 3));
        var e = assertThrows(Sysctls.SysctlException.class,
                () -> s.setByAdministrator("net.inet.ip.fw.dyn_keepalive", 2));
        assertTrue(e.getMessage().contains("0..1"), e.getMessage());
        s.setByAdministrator("net.inet.ip.fw.dyn_keepalive", 0);
        assertEquals(0, s.get("net.inet.ip.fw.dyn_keepalive"));
        assertFalse(s.isDefault("net.inet.ip.fw.dyn_keepalive"));
    }

    /*
     * net.inet.tcp.insecure_rst keeps its name but changes its description with RFC 5961: 5.x and
     * 10.4 tcp_input.c "Follow the old (insecure) criteria for accepting RST packets", the 12.x-era
     * file "Follow RFC793 instead of RFC5961 criteria for accepting RST packets".
     */
    @Test
    @DisplayName("insecure_rst is described per era: old criteria before RFC 5961, RFC793 instead of RFC5961 after")
    void insecureRstDescription() {
        assertEquals("Follow the old (insecure) criteria for accepting RST packets", description("5.4"));
        assertEquals("Follow RFC793 instead of RFC5961 criteria for accepting RST packets", description("14.2"));
    }

    private static String description(String release) {
        return Profiles.exact(release).orElseThrow().sysctls().stream()
                .filter(d -> d.name().equals("net.inet.tcp.insecure_rst")).findFirst().orElseThrow().description();
    }
}
