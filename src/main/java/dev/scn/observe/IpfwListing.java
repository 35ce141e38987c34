package dev.scn.observe;

import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwCommand;
import dev.scn.engine.ipfw.IpfwRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code ipfw [-a] [-d] [-e] list|show [NUM...]} as sbin/ipfw/ipfw2.c list() and
 * show_ipfw()/show_dyn_ipfw() print it.
 *
 * <p>Two userland generations: [UL-2002] (RELENG_4-era ipfw2, used here for 4.x) prints counters
 * with fixed {@code %10qu} widths, static ones only with {@code -a}/show, dynamic ones always;
 * [UL-1.85] (TrustedBSD/sebsd @fd5de6f5, 2006, used for 5.x and later) right-aligns counters to the
 * widest value among the listed static rules and, with {@code -d}, all dynamic ones (dead ones
 * included, and also for {@code -d list}). The header {@code ## Dynamic rules (N):} counts every
 * state the kernel returned, dead ones too; dead ones (expire reported as 0) are printed only
 * with {@code -e}. UNVERIFIED: which 5.x release switched to variable widths; the 11.x+ userland
 * that appends state names ({@code :default}) is not modelled.
 */
public final class IpfwListing {
    private IpfwListing() {
    }

    /** Runs a command as ipfw(8) would: listings are rendered, everything else is applied. */
    public static String run(Ipfw ipfw, IpfwCommand command) {
        if (command instanceof IpfwCommand.ListRules list) {
            return render(ipfw, list);
        }
        return ipfw.execute(command);
    }

    /** {@code ipfw show}. */
    public static String show(Ipfw ipfw) {
        return render(ipfw, new IpfwCommand.ListRules(true, false, false, List.of()));
    }

    /** {@code ipfw -d show}. */
    public static String showDynamic(Ipfw ipfw) {
        return render(ipfw, new IpfwCommand.ListRules(true, true, false, List.of()));
    }

    /** {@code ipfw -d -e show}. */
    public static String showDynamicExpired(Ipfw ipfw) {
        return render(ipfw, new IpfwCommand.ListRules(true, true, true, List.of()));
    }

    /** {@code ipfw list}. */
    public static String list(Ipfw ipfw) {
        return render(ipfw, new IpfwCommand.ListRules(false, false, false, List.of()));
    }

    public static String render(Ipfw ipfw, IpfwCommand.ListRules command) {
        boolean fixedWidths = ipfw.host().profile().major() <= 4;
        long now = ipfw.now();
        List<IpfwRule> rules = selected(ipfw.rules(), command.numbers());
        List<DynamicState> states = ipfw.states();
        int pcwidth = 0;
        int bcwidth = 0;
        if (fixedWidths) {
            if (command.counters()) {
                pcwidth = 10;
                bcwidth = 10;
            }
        } else {
            if (command.counters()) {
                for (IpfwRule r : ipfw.rules()) {
                    pcwidth = Math.max(pcwidth, Long.toString(r.packets()).length());
                    bcwidth = Math.max(bcwidth, Long.toString(r.bytes()).length());
                }
            }
            if (command.dynamic()) {
                for (DynamicState d : states) {
                    pcwidth = Math.max(pcwidth, Long.toString(d.packets()).length());
                    bcwidth = Math.max(bcwidth, Long.toString(d.bytes()).length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (IpfwRule r : rules) {
            out.append(String.format(Locale.ROOT, "%05d ", r.number()));
            if (pcwidth > 0 || bcwidth > 0) {
                out.append(String.format(Locale.ROOT, "%" + pcwidth + "d %" + bcwidth + "d ", r.packets(), r.bytes()));
            }
            out.append(r.text()).append('\n');
        }
        if (command.dynamic() && !states.isEmpty()) {
            if (command.numbers().isEmpty()) {
                out.append("## Dynamic rules (").append(states.size()).append("):\n");
            } else {
                out.append("## Dynamic rules:\n");
            }
            int dynP = fixedWidths ? 10 : pcwidth;
            int dynB = fixedWidths ? 10 : bcwidth;
            for (DynamicState d : states) {
                if (!command.numbers().isEmpty() && !command.numbers().contains(d.ruleNumber())) {
                    continue;
                }
                long remaining = d.remaining(now);
                // show_dyn_ipfw: expired entries hidden unless -e, but a PARENT is always shown.
                if (!command.expired() && remaining == 0 && d.kind() != DynamicState.Kind.PARENT) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "%05d", d.ruleNumber()));
                if (dynP > 0 || dynB > 0) {
                    out.append(String.format(Locale.ROOT, " %" + dynP + "d %" + dynB + "d (%ds)", d.packets(),
                            d.bytes(), remaining));
                }
                out.append(switch (d.kind()) {
                    case STATE -> " STATE ";
                    case LIMIT -> " LIMIT ";
                    case PARENT -> " PARENT " + d.children() + " ";
                }).append(d.tuple()).append('\n');
            }
        }
        return out.toString();
    }

    private static List<IpfwRule> selected(List<IpfwRule> rules, List<Integer> numbers) {
        if (numbers.isEmpty()) {
            return rules;
        }
        List<IpfwRule> out = new ArrayList<>();
        for (IpfwRule r : rules) {
            if (numbers.contains(r.number())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * What {@code ipfw show} (or list) prints on a host whose kernel has no ipfw: the raw socket
     * opens, the kernel answers the firewall's socket option with ENOPROTOOPT ("Protocol not
     * available"; raw_ip.c rip_ctloutput when ip_fw_ctl_ptr is NULL). ipfw(8) up to 10.x asks with
     * IP_FW_GET and says {@code err(EX_OSERR, "getsockopt(IP_FW_GET)")} (ipfw2.c list); from the
     * IP_FW3 rewrite (11.x) it says {@code err(EX_OSERR, "retrieving config failed")} (ipfw2.c
     * ipfw_list). UNVERIFIED: that 11.0, and not a later 11.x, is the first release with the latter.
     */
    public static String notLoaded(dev.scn.engine.os.Profile profile) {
        String what = profile.major() >= 11 ? "retrieving config failed" : "getsockopt(IP_FW_GET)";
        return "ipfw: " + what + ": Protocol not available\n";
    }
}
