package dev.scn.run;

import dev.scn.model.Expectation;

import java.util.Locale;

/** How an expectation's subject reads, as the user wrote it. */
final class Subjects {
    private Subjects() {
    }

    static String describe(Expectation.Subject subject) {
        return subject.accept(DESCRIBING);
    }

    private static final Expectation.Subject.Visitor<String> DESCRIBING = new Expectation.Subject.Visitor<>() {
        @Override
        public String netstatCount(Expectation.Subject.NetstatCount s) {
            return s.host() + " netstat " + s.state();
        }

        @Override
        public String ipfwDynamic(Expectation.Subject.IpfwDynamic s) {
            return s.host() + " ipfw dynamic";
        }

        @Override
        public String connectionState(Expectation.Subject.ConnectionState s) {
            return s.connection() + " on " + s.host();
        }

        @Override
        public String connectionExists(Expectation.Subject.ConnectionExists s) {
            return s.connection() + " on " + s.host() + " exists";
        }

        @Override
        public String packetCount(Expectation.Subject.PacketCount s) {
            String kind = s.host() + " packets " + s.kind().name().toLowerCase(Locale.ROOT);
            if (s.peer() == null) {
                return kind;
            }
            return kind + (s.direction() == Expectation.Direction.RECEIVED ? " from " : " to ") + s.peer();
        }

        @Override
        public String sysctlValue(Expectation.Subject.SysctlValue s) {
            return s.host() + " sysctl " + s.name();
        }

        @Override
        public String logLines(Expectation.Subject.LogLines s) {
            return s.host() + " log" + (s.text() == null ? "" : " \"" + s.text() + "\"");
        }
    };
}
