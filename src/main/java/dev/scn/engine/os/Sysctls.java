package dev.scn.engine.os;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host's sysctl values. Kernel code reads a value when it uses it, so a change made at any
 * simulated time takes effect at the next use, as in FreeBSD (a lifetime at the next matching
 * packet, {@code dyn_keepalive} at the next tick).
 */
public final class Sysctls {
    private final Map<String, SysctlDef> definitions;
    private final Map<String, Long> values = new LinkedHashMap<>();
    /** Subtrees a module registers when it loads (net.inet.ip.fw. with ipfw): unknown oids until then. */
    private final java.util.Set<String> absentTrees = new java.util.TreeSet<>();

    public Sysctls(List<SysctlDef> definitions) {
        this.definitions = new LinkedHashMap<>();
        for (SysctlDef def : definitions) {
            this.definitions.put(def.name(), def);
            values.put(def.name(), def.defaultValue());
        }
    }

    /**
     * The subtree does not exist until {@link #registerTree}: a kernel module's SYSCTL_NODE and
     * leaves are added when the module loads (ipfw's net.inet.ip.fw: ip_fw2.c SYSCTL_NODE(_net_inet_ip, OID_AUTO, fw, ...)).
     */
    public void removeTree(String prefix) {
        absentTrees.add(prefix);
    }

    /** The module loaded: its subtree exists from now on, with its defaults. */
    public void registerTree(String prefix) {
        absentTrees.remove(prefix);
    }

    private boolean absent(String name) {
        for (String prefix : absentTrees) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public boolean exists(String name) {
        return definitions.containsKey(name) && !absent(name);
    }

    public Optional<SysctlDef> definition(String name) {
        return exists(name) ? Optional.of(definitions.get(name)) : Optional.empty();
    }

    public List<SysctlDef> definitions() {
        List<SysctlDef> out = new ArrayList<>();
        for (SysctlDef def : definitions.values()) {
            if (!absent(def.name())) {
                out.add(def);
            }
        }
        return out;
    }

    /** The current value; a name unknown to this release is a programming error. */
    public long get(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("sysctl " + name + " does not exist on this release");
        }
        return value;
    }

    public boolean isDefault(String name) {
        return get(name) == definitions.get(name).defaultValue();
    }

    /**
     * What {@code sysctl name=value} does: checks existence, writability and range.
     *
     * @throws SysctlException with the message sysctl(8) would give, plus the accepted range
     */
    public void setByAdministrator(String name, long value) {
        SysctlDef def = definitions.get(name);
        if (def == null || absent(name)) {
            throw new SysctlException("unknown oid '" + name + "'");
        }
        if (def.readOnly()) {
            throw new SysctlException("oid '" + name + "' is read only");
        }
        if (!def.accepts(value)) {
            throw new SysctlException("value " + value + " for " + name + " is out of range " + def.min() + ".." + def.max());
        }
        values.put(name, value);
    }

    /** The kernel itself writes a value: read-only counters, clamps applied at use. */
    public void setByKernel(String name, long value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("sysctl " + name + " does not exist on this release");
        }
        values.put(name, value);
    }

    /** Thrown when an administrator's sysctl command is refused. */
    public static final class SysctlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SysctlException(String message) {
            super(message);
        }
    }
}
