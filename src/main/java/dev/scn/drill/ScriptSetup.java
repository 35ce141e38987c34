package dev.scn.drill;

import dev.scn.drill.script.DrillScript;
import dev.scn.drill.script.ScriptOption;

/**
 * The command-line options a script carries ({@code --ip_version=ipv4} ...): those that change
 * nothing scn models are accepted, the others stop the script with what is missing.
 */
final class ScriptSetup {
    private ScriptSetup() {
    }

    static void check(DrillScript script) {
        for (ScriptOption option : script.options()) {
            String value = option.value();
            switch (option.name()) {
                case "ip_version" -> {
                    if (!"ipv4".equals(value)) {
                        throw new DrillFailure(option.line(), "not modelled by scn: --ip_version=" + value + " (IPv4 only)");
                    }
                }
                case "tolerance_usecs", "non_fatal" -> {
                    // read by the runner
                }
                case "mtu" -> {
                    if (!"1500".equals(value)) {
                        throw new DrillFailure(option.line(), "not modelled by scn: --mtu=" + value
                                + " (the interface MTU is 1500)");
                    }
                }
                default -> throw new DrillFailure(option.line(), "not modelled by scn: --" + option.name()
                        + (value == null ? "" : "=" + value));
            }
        }
    }
}
