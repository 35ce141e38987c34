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
                case "mtu" -> mtu(option);
                default -> throw new DrillFailure(option.line(), "not modelled by scn: --" + option.name()
                        + (value == null ? "" : "=" + value));
            }
        }
    }

    /**
     * packetdrill's --mtu: the MTU of the interface toward the script (default 1500); FreeBSD's
     * ifconfig accepts IF_MINMTU (72) and up. @return the MTU the script asks for
     */
    static int mtu(DrillScript script) {
        for (ScriptOption option : script.options()) {
            if ("mtu".equals(option.name())) {
                return mtu(option);
            }
        }
        return dev.scn.engine.net.Interface.ETHERMTU;
    }

    private static int mtu(ScriptOption option) {
        int mtu;
        try {
            mtu = Integer.parseInt(option.value() == null ? "" : option.value().strip());
        } catch (NumberFormatException e) {
            throw new DrillFailure(option.line(), "bad --mtu=" + option.value() + ": not a number");
        }
        if (mtu < dev.scn.engine.net.Interface.IF_MINMTU || mtu > dev.scn.engine.net.Interface.MAX_MTU) {
            throw new DrillFailure(option.line(), "not modelled by scn: --mtu=" + mtu + " (FreeBSD accepts "
                    + dev.scn.engine.net.Interface.IF_MINMTU + " to " + dev.scn.engine.net.Interface.MAX_MTU + ")");
        }
        return mtu;
    }
}
