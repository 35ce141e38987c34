package dev.scn.engine.os;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed registry: each {@link Sysctl} constant is defined on some modelled release (a
 * constant the engine reads but no release has would only fail at run time), and engine code
 * reads values through constants, never by a name in a string.
 */
class SysctlRegistryTest {

    @Test
    @DisplayName("every Sysctl constant exists on at least one modelled profile")
    void everyConstantExistsSomewhere() {
        List<String> orphans = new ArrayList<>();
        for (Sysctl s : Sysctl.values()) {
            boolean somewhere = Profiles.all().stream()
                    .anyMatch(p -> p.sysctls().stream().anyMatch(d -> d.name().equals(s.oid())));
            if (!somewhere) {
                orphans.add(s.oid());
            }
        }
        assertEquals(List.of(), orphans);
    }

    @Test
    @DisplayName("each profile's sysctls are the registry's constants for its major, in declaration order")
    void profilesFollowTheRegistry() {
        for (Profile p : Profiles.all()) {
            List<String> expected = Stream.of(Sysctl.values()).filter(s -> s.existsIn(p.major())).map(Sysctl::oid).toList();
            assertEquals(expected, p.sysctls().stream().map(SysctlDef::name).toList(), p.name());
        }
    }

    /*
     * insecure_rst: tcp_input.c of 5.x declares it; RELENG_4 has no such knob, so 4.11 has no slot
     * value and reading it is a programming error, while on() answers false.
     */
    @Test
    @DisplayName("a slot read on a release without the sysctl fails; has/on/getOr answer for it")
    void slotReads() {
        Sysctls four = Profiles.exact("4.11").orElseThrow().newSysctls();
        assertFalse(four.has(Sysctl.TCP_INSECURE_RST));
        assertFalse(four.on(Sysctl.TCP_INSECURE_RST));
        assertEquals(7, four.getOr(Sysctl.TCP_INSECURE_RST, 7));
        assertThrows(IllegalArgumentException.class, () -> four.get(Sysctl.TCP_INSECURE_RST));
        Sysctls five = Profiles.exact("5.4").orElseThrow().newSysctls();
        assertTrue(five.has(Sysctl.TCP_INSECURE_RST));
        five.setByAdministrator("net.inet.tcp.insecure_rst", 1);
        assertTrue(five.on(Sysctl.TCP_INSECURE_RST));
        assertEquals(1, five.get(Sysctl.TCP_INSECURE_RST));
    }

    @Test
    @DisplayName("a module's subtree is unknown by name until it loads, while the kernel's slot keeps its value")
    void absentTreeHidesNamesOnly() {
        Sysctls s = Profiles.exact("14.2").orElseThrow().newSysctls();
        s.removeTree("net.inet.ip.fw.");
        assertFalse(s.exists("net.inet.ip.fw.dyn_max"));
        assertTrue(s.definitions().stream().noneMatch(d -> d.name().startsWith("net.inet.ip.fw.")));
        assertEquals(16384, s.get(Sysctl.IPFW_DYN_MAX));
        s.registerTree("net.inet.ip.fw.");
        assertTrue(s.exists("net.inet.ip.fw.dyn_max"));
    }

    private static final Pattern STRING_READ =
            Pattern.compile("\\.(get|exists|on|has|getOr|setByKernel|isDefault|definition)\\(\\s*\"(net|kern)\\.");

    @Test
    @DisplayName("engine code reads sysctls through Sysctl constants, never by a quoted name")
    void noStringReadsInMainCode() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher m = STRING_READ.matcher(text);
                while (m.find()) {
                    offenders.add(f + ": " + text.substring(m.start(), Math.min(text.length(), m.end() + 30)));
                }
            }
        }
        assertEquals(List.of(), offenders, "convert these to a Sysctl constant (one line in Sysctl.java)");
    }
}
