package dev.scn.engine.os;

/**
 * A sysctl as one release of the kernel declares it.
 *
 * @param name         the OID name, e.g. {@code net.inet.ip.fw.dyn_keepalive}
 * @param defaultValue the value at boot
 * @param min          smallest accepted value
 * @param max          largest accepted value
 * @param readOnly     true for values only the kernel sets ({@code dyn_count})
 * @param unit         what a bare number means: "s", "ms", "bool", "count", "bytes", "port"
 * @param description  the kernel's own description string, as {@code sysctl -d} prints it
 */
public record SysctlDef(String name, long defaultValue, long min, long max, boolean readOnly, String unit,
                        String description) {

    public boolean accepts(long value) {
        return value >= min && value <= max;
    }
}
