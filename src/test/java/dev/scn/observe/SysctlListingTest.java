package dev.scn.observe;

import dev.scn.engine.os.Profiles;
import dev.scn.engine.os.Sysctls;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SysctlListingTest {
    private static Sysctls sysctls(String version) {
        return Profiles.exact(version).orElseThrow().newSysctls();
    }

    @Test
    @DisplayName("sysctl net.inet.ip.fw on 5.4: name: value lines in registration order (sysctl.c sysctl_all/show_var)")
    void ipfwSubtreeOn54() {
        SysctlListing.Result result = SysctlListing.show(sysctls("5.4"), "net.inet.ip.fw");
        assertEquals(Golden.read("sysctl-ipfw-freebsd-5.4.txt"), result.stdout());
        assertEquals(0, result.exitStatus());
    }

    @Test
    @DisplayName("sysctl net.inet.ip.fw on 14.2: 2018 dynamic-state defaults and extra OIDs (sysctl.c sysctl_all/show_var)")
    void ipfwSubtreeOn142() {
        assertEquals(Golden.read("sysctl-ipfw-freebsd-14.2.txt"),
                SysctlListing.show(sysctls("14.2"), "net.inet.ip.fw").stdout());
    }

    @Test
    @DisplayName("sysctl NAME prints one leaf (show_var, separator \": \")")
    void oneLeaf() {
        assertEquals("net.inet.ip.fw.dyn_ack_lifetime: 300\n",
                SysctlListing.show(sysctls("5.4"), "net.inet.ip.fw.dyn_ack_lifetime").stdout());
    }

    @Test
    @DisplayName("sysctl NAME=VALUE echoes old -> new (sysctl.c parse) and the value takes effect")
    void setEchoesOldAndNew() {
        Sysctls values = sysctls("5.4");
        SysctlListing.Result result = SysctlListing.set(values, "net.inet.ip.fw.dyn_keepalive", 0);
        assertEquals("net.inet.ip.fw.dyn_keepalive: 1 -> 0\n", result.stdout());
        assertEquals(0, values.get("net.inet.ip.fw.dyn_keepalive"));
    }

    @Test
    @DisplayName("Unknown name: sysctl: unknown oid 'x' on stderr, exit 1 (sysctl.c parse errx/warnx)")
    void unknownOid() {
        SysctlListing.Result result = SysctlListing.show(sysctls("5.4"), "net.inet.ip.fw.dyn_keep_states");
        assertEquals("", result.stdout());
        assertEquals("sysctl: unknown oid 'net.inet.ip.fw.dyn_keep_states'\n", result.stderr());
        assertEquals(1, result.exitStatus());
    }

    @Test
    @DisplayName("A partial name is not a node: sysctl: unknown oid")
    void partialNameIsUnknown() {
        assertEquals("sysctl: unknown oid 'net.inet.ip.f'\n",
                SysctlListing.show(sysctls("5.4"), "net.inet.ip.f").stderr());
    }

    @Test
    @DisplayName("Setting a read-only OID: sysctl: oid 'x' is read only (5.x sysctl.c parse)")
    void readOnlyIsRefused() {
        SysctlListing.Result result = SysctlListing.set(sysctls("5.4"), "net.inet.ip.fw.dyn_count", 3);
        assertEquals("sysctl: oid 'net.inet.ip.fw.dyn_count' is read only\n", result.stderr());
        assertEquals(1, result.exitStatus());
    }
}
