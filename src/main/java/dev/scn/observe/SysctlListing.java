package dev.scn.observe;

import dev.scn.engine.os.SysctlDef;
import dev.scn.engine.os.Sysctls;

import java.util.List;

/**
 * What sbin/sysctl/sysctl.c prints for {@code sysctl NAME}, {@code sysctl PREFIX} and
 * {@code sysctl NAME=VALUE} on one host.
 *
 * <p>Order of a subtree: sysctl_all() walks the kernel's OID tree with the "next" query
 * (oid {0, 2}); each parent's children are kept sorted by OID number (kern_sysctl.c
 * sysctl_register_oid), and OID_AUTO numbers are handed out increasing in registration order,
 * so a module's sysctls come out in the order they were registered. We take that to be the
 * declaration order in the source, which is the order the profile declares them (Profiles
 * follows ip_fw2.c). UNVERIFIED: that the linker set of a compiled kernel keeps source order,
 * and the order across ip_fw2.c / ip_fw_dynamic.c in releases where the sysctls are split.
 */
public final class SysctlListing {
    private SysctlListing() {
    }

    /**
     * The output of one sysctl(8) invocation.
     *
     * @param stdout     what goes to standard output
     * @param stderr     what goes to standard error (errx/warn prefix "sysctl: ")
     * @param exitStatus 0 on success, 1 when sysctl(8) fails
     */
    public record Result(String stdout, String stderr, int exitStatus) {
        static Result ok(String stdout) {
            return new Result(stdout, "", 0);
        }

        static Result error(String stdout, String message) {
            return new Result(stdout, "sysctl: " + message + "\n", 1);
        }
    }

    /**
     * {@code sysctl NAME}: a leaf prints {@code name: value} (show_var, separator ": "); a node
     * prints every leaf below it; anything else is {@code unknown oid 'NAME'} (parse: errx in
     * 5.x, warnx with an empty line suffix in 14.x; same text).
     */
    public static Result show(Sysctls sysctls, String name) {
        if (sysctls.exists(name)) {
            return Result.ok(line(name, sysctls.get(name)));
        }
        List<SysctlDef> below = childrenOf(sysctls, name);
        if (below.isEmpty()) {
            return Result.error("", "unknown oid '" + name + "'");
        }
        StringBuilder out = new StringBuilder();
        for (SysctlDef def : below) {
            out.append(line(def.name(), sysctls.get(def.name())));
        }
        return Result.ok(out.toString());
    }

    /**
     * {@code sysctl NAME=VALUE}: parse prints the old value with show_var, sets it, prints
     * {@code " -> "} and the new value with nflag set, then a newline:
     * {@code net.inet.ip.fw.dyn_keepalive: 1 -> 0}. Refusals: {@code oid 'x' isn't a leaf node},
     * {@code oid 'x' is read only} (5.x sysctl.c parse; UNVERIFIED that 14.x words them alike).
     * A value the engine's range rejects gets the old value on stdout and
     * {@code NAME: Invalid argument} (warn after a failed sysctl(2)); UNVERIFIED that the kernel
     * handler of every modelled OID rejects out-of-range values with EINVAL.
     */
    public static Result set(Sysctls sysctls, String name, long value) {
        if (!sysctls.exists(name)) {
            if (!childrenOf(sysctls, name).isEmpty()) {
                return Result.error("", "oid '" + name + "' isn't a leaf node");
            }
            return Result.error("", "unknown oid '" + name + "'");
        }
        SysctlDef def = sysctls.definition(name).orElseThrow();
        if (def.readOnly()) {
            return Result.error("", "oid '" + name + "' is read only");
        }
        long old = sysctls.get(name);
        if (!def.accepts(value)) {
            return Result.error(line(name, old), name + ": Invalid argument");
        }
        sysctls.setByAdministrator(name, value);
        return Result.ok(name + ": " + old + " -> " + sysctls.get(name) + "\n");
    }

    private static String line(String name, long value) {
        return name + ": " + value + "\n";
    }

    private static List<SysctlDef> childrenOf(Sysctls sysctls, String node) {
        String prefix = node + ".";
        return sysctls.definitions().stream().filter(d -> d.name().startsWith(prefix)).toList();
    }
}
