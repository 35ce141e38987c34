package dev.scn.run;

import dev.scn.model.Expectation;

import java.util.Locale;

/** How an expectation's subject reads, as the user wrote it. */
final class Subjects {
    private Subjects() {
    }

    static String describe(Expectation.Subject subject) {
        if (subject instanceof Expectation.Subject.NetstatCount s) {
            return s.host() + " netstat " + s.state();
        }
        if (subject instanceof Expectation.Subject.IpfwDynamic s) {
            return s.host() + " ipfw dynamic";
        }
        if (subject instanceof Expectation.Subject.ConnectionState s) {
            return s.connection() + " on " + s.host();
        }
        if (subject instanceof Expectation.Subject.ConnectionExists s) {
            return s.connection() + " on " + s.host() + " exists";
        }
        if (subject instanceof Expectation.Subject.PacketCount s) {
            return s.host() + " packets " + s.kind().name().toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("unknown subject " + subject);
    }
}
