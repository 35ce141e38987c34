package dev.scn.drill;

import dev.scn.drill.script.TcpOpt;
import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Converts a script's option list to the wire's and prints both in packetdrill's spelling. */
final class ScriptOptions {
    private ScriptOptions() {
    }

    /**
     * The options of a {@code <} segment. A timestamp echo names one of the host's timestamp
     * values as the script saw it; packetdrill maps it back to the live value, here the last one
     * the host sent ({@code lastTsVal}), so PAWS and RTT measurement see a real echo.
     */
    static TcpOptions toWire(List<TcpOpt> script, Integer lastTsVal) {
        if (script == null) {
            return TcpOptions.NONE;
        }
        List<TcpOption> out = new ArrayList<>();
        for (TcpOpt o : script) {
            out.add(toWire(o, lastTsVal));
        }
        return TcpOptions.of(out);
    }

    private static TcpOption toWire(TcpOpt o, Integer lastTsVal) {
        if (o instanceof TcpOpt.Mss m) {
            return new TcpOption.Mss(m.value());
        }
        if (o instanceof TcpOpt.WScale w) {
            return new TcpOption.WindowScale(w.shift());
        }
        if (o instanceof TcpOpt.SackOk) {
            return new TcpOption.SackPermitted();
        }
        if (o instanceof TcpOpt.Timestamp t) {
            return new TcpOption.Timestamp((int) t.val(), t.ecr() == 0 || lastTsVal == null ? (int) t.ecr() : lastTsVal);
        }
        if (o instanceof TcpOpt.Sack s) {
            return new TcpOption.Sack(s.blocks().stream()
                    .map(b -> new TcpOption.SackBlock(SeqSpace.remoteAbsolute(b.start()), SeqSpace.remoteAbsolute(b.end())))
                    .toList());
        }
        if (o instanceof TcpOpt.Nop) {
            return new TcpOption.Nop();
        }
        if (o instanceof TcpOpt.Eol) {
            return new TcpOption.Eol();
        }
        if (o instanceof TcpOpt.Md5) {
            throw new UnsupportedFeature("TCP-MD5 signatures (RFC 2385)");
        }
        throw new UnsupportedFeature("TCP option " + describe(o) + " on an inbound segment");
    }

    static String describe(List<TcpOpt> options) {
        return options.stream().map(ScriptOptions::describe).collect(Collectors.joining(","));
    }

    private static String describe(TcpOpt o) {
        if (o instanceof TcpOpt.Mss m) {
            return "mss " + m.value();
        }
        if (o instanceof TcpOpt.WScale w) {
            return "wscale " + w.shift();
        }
        if (o instanceof TcpOpt.Timestamp t) {
            return "TS val " + t.val() + " ecr " + t.ecr();
        }
        if (o instanceof TcpOpt.Sack s) {
            return "sack " + s.blocks().stream().map(b -> b.start() + ":" + b.end()).collect(Collectors.joining(" "));
        }
        if (o instanceof TcpOpt.Md5 md5) {
            return "md5 " + md5.signature();
        }
        if (o instanceof TcpOpt.Other other) {
            return other.text();
        }
        return o instanceof TcpOpt.SackOk ? "sackOK" : o instanceof TcpOpt.Nop ? "nop" : o instanceof TcpOpt.Eol ? "eol" : "...";
    }

    /** The host's options as the script would write them; SACK blocks relative to the peer's ISN. */
    static String describeLive(List<TcpOption> options) {
        return options.stream().map(ScriptOptions::describeLive).collect(Collectors.joining(","));
    }

    private static String describeLive(TcpOption o) {
        if (o instanceof TcpOption.Mss m) {
            return "mss " + m.value();
        }
        if (o instanceof TcpOption.WindowScale w) {
            return "wscale " + w.shift();
        }
        if (o instanceof TcpOption.Timestamp t) {
            return "TS val " + Integer.toUnsignedLong(t.value()) + " ecr " + Integer.toUnsignedLong(t.echo());
        }
        if (o instanceof TcpOption.Sack s) {
            return "sack " + s.blocks().stream()
                    .map(b -> SeqSpace.remoteRelative(b.start()) + ":" + SeqSpace.remoteRelative(b.end()))
                    .collect(Collectors.joining(" "));
        }
        return o instanceof TcpOption.SackPermitted ? "sackOK" : o instanceof TcpOption.Nop ? "nop"
                : o instanceof TcpOption.Eol ? "eol" : o.toString();
    }
}
