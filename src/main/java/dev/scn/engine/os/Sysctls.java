package dev.scn.engine.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One host's sysctl values. Kernel code reads a value when it uses it, so a change made at any
 * simulated time takes effect at the next use, as in FreeBSD (a lifetime at the next matching
 * packet, {@code dyn_keepalive} at the next tick).
 *
 * <p>Engine code reads slots by constant ({@link #get(Sysctl)}): an array indexed by the
 * constant's ordinal, no name lookup. The by-name methods serve what a user typed (scenario
 * {@code sysctl} lines, {@code sysctl NAME} observations) and tests.
 */
public final class Sysctls {
    private static final Sysctl[] ALL = Sysctl.values();

    /** The definition on this release by ordinal; null where the release does not have it. */
    private final SysctlDef[] definitions = new SysctlDef[ALL.length];
    private final long[] values = new long[ALL.length];
    /** Subtrees a module registers when it loads (net.inet.ip.fw. with ipfw): unknown oids until then. */
    private final java.util.Set<String> absentTrees = new java.util.TreeSet<>();
    private final boolean[] hidden = new boolean[ALL.length];

    /**
     * @param definitions the release's definitions ({@link Profile#sysctls()}); each name must be
     *                    a {@link Sysctl} constant
     */
    public Sysctls(List<SysctlDef> definitions) {
        for (SysctlDef def : definitions) {
            Sysctl s = Sysctl.byOid(def.name())
                    .orElseThrow(() -> new IllegalArgumentException("no Sysctl constant for " + def.name()));
            this.definitions[s.ordinal()] = def;
            values[s.ordinal()] = def.defaultValue();
        }
    }

    /**
     * The subtree does not exist until {@link #registerTree}: a kernel module's SYSCTL_NODE and
     * leaves are added when the module loads (ipfw's net.inet.ip.fw: ip_fw2.c SYSCTL_NODE(_net_inet_ip, OID_AUTO, fw, ...)).
     */
    public void removeTree(String prefix) {
        absentTrees.add(prefix);
        refreshHidden();
    }

    /** The module loaded: its subtree exists from now on, with its defaults. */
    public void registerTree(String prefix) {
        absentTrees.remove(prefix);
        refreshHidden();
    }

    private void refreshHidden() {
        for (Sysctl s : ALL) {
            hidden[s.ordinal()] = absentTrees.stream().anyMatch(s.oid()::startsWith);
        }
    }

    /** Whether this release has the sysctl (whether or not its module is loaded). */
    public boolean has(Sysctl s) {
        return definitions[s.ordinal()] != null;
    }

    /** The current value; a sysctl this release does not have is a programming error. */
    public long get(Sysctl s) {
        if (definitions[s.ordinal()] == null) {
            throw new IllegalArgumentException("sysctl " + s.oid() + " does not exist on this release");
        }
        return values[s.ordinal()];
    }

    /** The current value, or {@code otherwise} on a release without the sysctl. */
    public long getOr(Sysctl s, long otherwise) {
        return has(s) ? values[s.ordinal()] : otherwise;
    }

    /** Whether the sysctl exists and is non-zero: the usual test of a boolean knob. */
    public boolean on(Sysctl s) {
        return has(s) && values[s.ordinal()] != 0;
    }

    /** The kernel itself writes a value: read-only counters, clamps applied at use. */
    public void setByKernel(Sysctl s, long value) {
        get(s);
        values[s.ordinal()] = value;
    }

    // ---- by name: what a user typed -------------------------------------------------------------

    private Optional<Sysctl> visible(String name) {
        return Sysctl.byOid(name).filter(s -> definitions[s.ordinal()] != null && !hidden[s.ordinal()]);
    }

    public boolean exists(String name) {
        return visible(name).isPresent();
    }

    public Optional<SysctlDef> definition(String name) {
        return visible(name).map(s -> definitions[s.ordinal()]);
    }

    /** This release's sysctls that exist now, in declaration order (the order sysctl(8) lists them). */
    public List<SysctlDef> definitions() {
        List<SysctlDef> out = new ArrayList<>();
        for (Sysctl s : ALL) {
            if (definitions[s.ordinal()] != null && !hidden[s.ordinal()]) {
                out.add(definitions[s.ordinal()]);
            }
        }
        return out;
    }

    /** The current value by name (even in an unloaded module's tree); unknown to this release is an error. */
    public long get(String name) {
        return get(Sysctl.byOid(name)
                .orElseThrow(() -> new IllegalArgumentException("sysctl " + name + " does not exist on this release")));
    }

    public boolean isDefault(String name) {
        Sysctl s = Sysctl.byOid(name).orElseThrow();
        return get(s) == definitions[s.ordinal()].defaultValue();
    }

    /**
     * What {@code sysctl name=value} does: checks existence, writability and range.
     *
     * @throws SysctlException with the message sysctl(8) would give, plus the accepted range
     */
    public void setByAdministrator(String name, long value) {
        SysctlDef def = definition(name).orElseThrow(() -> new SysctlException("unknown oid '" + name + "'"));
        if (def.readOnly()) {
            throw new SysctlException("oid '" + name + "' is read only");
        }
        if (!def.accepts(value)) {
            throw new SysctlException("value " + value + " for " + name + " is out of range " + def.min() + ".." + def.max());
        }
        values[Sysctl.byOid(name).orElseThrow().ordinal()] = value;
    }

    /** The kernel writes a value named by a user-facing path (tests, by-name callers). */
    public void setByKernel(String name, long value) {
        setByKernel(Sysctl.byOid(name)
                .orElseThrow(() -> new IllegalArgumentException("sysctl " + name + " does not exist on this release")), value);
    }

    /** Thrown when an administrator's sysctl command is refused. */
    public static final class SysctlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SysctlException(String message) {
            super(message);
        }
    }
}
