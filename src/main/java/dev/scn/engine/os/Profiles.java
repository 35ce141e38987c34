package dev.scn.engine.os;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The modelled FreeBSD releases and the mapping from any release a scenario names to one of
 * them (model-freebsd.md, "Profiles"). Sysctls and their defaults per release are
 * declared in {@link Sysctl}.
 */
public final class Profiles {
    private static final List<Profile> ALL = List.of(
            profile(4, 11, IpfwEra.IPFW2_2002),
            profile(5, 4, IpfwEra.IPFW2_2002),
            profile(6, 4, IpfwEra.IPFW2_2002),
            profile(7, 4, IpfwEra.IPFW2_2002),
            profile(8, 4, IpfwEra.IPFW2_2002),
            profile(9, 3, IpfwEra.BOTH_SIDES_2012),
            profile(10, 4, IpfwEra.SWEEP_2013),
            profile(11, 4, IpfwEra.REWRITE_2018),
            profile(14, 2, IpfwEra.REWRITE_2018));

    private Profiles() {
    }

    public static List<Profile> all() {
        return ALL;
    }

    /** The most recent release modelled: what the FreeBSD TCP test suite (main branch) is run on by default. */
    public static Profile newest() {
        return ALL.get(ALL.size() - 1);
    }

    /** The profile modelled for exactly this release, if any ("5.4", "14.2"). */
    public static Optional<Profile> exact(String version) {
        return ALL.stream().filter(p -> (p.major() + "." + p.minor()).equals(version)).findFirst();
    }

    /**
     * Maps any release to the profile that behaves like it: the same major version if modelled
     * (the ipfw and TCP logic changed between majors, not minors, except 9.0, 11.0-11.1, which the
     * lookup keeps with their major), else the nearest lower major, else the oldest.
     */
    public static Resolution resolve(String version) {
        Optional<Profile> exact = exact(version);
        if (exact.isPresent()) {
            return new Resolution(exact.get(), false);
        }
        int major;
        try {
            major = Integer.parseInt(version.split("\\.", 2)[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a FreeBSD release: " + version);
        }
        Profile sameMajor = ALL.stream().filter(p -> p.major() == major).findFirst().orElse(null);
        if (sameMajor != null) {
            return new Resolution(sameMajor, true);
        }
        Profile nearest = ALL.stream().filter(p -> p.major() <= major)
                .max(Comparator.comparingInt(Profile::major))
                .orElse(ALL.get(0));
        return new Resolution(nearest, true);
    }

    /**
     * @param profile     the modelled profile to use
     * @param approximate true when the release asked for is not modelled exactly: warn the user
     */
    public record Resolution(Profile profile, boolean approximate) {
    }

    private static Profile profile(int major, int minor, IpfwEra era) {
        List<SysctlDef> defs = new ArrayList<>();
        for (Sysctl s : Sysctl.values()) {
            s.on(major).ifPresent(defs::add);
        }
        // RFC 5961 challenge ACKs: absent from 10.4's tcp_input.c (insecure_rst still "Follow the old
        // (insecure) criteria"), present in 12.x-era files (insecure_rst/insecure_syn "Follow RFC793
        // instead of RFC5961"); 12.0 as the first release is UNVERIFIED, so 11.x keeps the window check.
        Profile.RstValidation rst = major >= 12 ? Profile.RstValidation.RFC5961 : Profile.RstValidation.WINDOW;
        int first = (int) Sysctl.IP_PORTRANGE_FIRST.on(major).orElseThrow().defaultValue();
        int last = (int) Sysctl.IP_PORTRANGE_LAST.on(major).orElseThrow().defaultValue();
        return new Profile(String.format(Locale.ROOT, "freebsd %d.%d", major, minor), major, minor, era, rst,
                first, last, List.copyOf(defs));
    }
}
