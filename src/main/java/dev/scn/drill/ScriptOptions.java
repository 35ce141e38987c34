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
            switch (o) {
                case TcpOpt.Mss m -> out.add(new TcpOption.Mss(m.value()));
                case TcpOpt.WScale w -> out.add(new TcpOption.WindowScale(w.shift()));
                case TcpOpt.SackOk s -> out.add(new TcpOption.SackPermitted());
                case TcpOpt.Timestamp t -> out.add(new TcpOption.Timestamp((int) t.val(),
                        t.ecr() == 0 || lastTsVal == null ? (int) t.ecr() : lastTsVal));
                case TcpOpt.Sack s -> out.add(new TcpOption.Sack(s.blocks().stream()
                        .map(b -> new TcpOption.SackBlock(SeqSpace.remoteAbsolute(b.start()), SeqSpace.remoteAbsolute(b.end())))
                        .toList()));
                case TcpOpt.Nop n -> out.add(new TcpOption.Nop());
                case TcpOpt.Eol e -> out.add(new TcpOption.Eol());
                case TcpOpt.Md5 md5 -> throw new UnsupportedFeature("TCP-MD5 signatures (RFC 2385) are not modelled");
                case TcpOpt.Any any -> throw new UnsupportedFeature("<...> on an inbound segment");
                case TcpOpt.Other other -> throw new UnsupportedFeature("TCP option " + other.text());
            }
        }
        return TcpOptions.of(out);
    }

    static String describe(List<TcpOpt> options) {
        return options.stream().map(ScriptOptions::describe).collect(Collectors.joining(","));
    }

    private static String describe(TcpOpt o) {
        return switch (o) {
            case TcpOpt.Mss m -> "mss " + m.value();
            case TcpOpt.WScale w -> "wscale " + w.shift();
            case TcpOpt.SackOk s -> "sackOK";
            case TcpOpt.Timestamp t -> "TS val " + t.val() + " ecr " + t.ecr();
            case TcpOpt.Sack s -> "sack " + s.blocks().stream().map(b -> b.start() + ":" + b.end())
                    .collect(Collectors.joining(" "));
            case TcpOpt.Nop n -> "nop";
            case TcpOpt.Eol e -> "eol";
            case TcpOpt.Md5 md5 -> "md5 " + md5.signature();
            case TcpOpt.Any any -> "...";
            case TcpOpt.Other other -> other.text();
        };
    }

    /** The host's options as the script would write them; SACK blocks relative to the peer's ISN. */
    static String describeLive(List<TcpOption> options) {
        return options.stream().map(o -> switch (o) {
            case TcpOption.Mss m -> "mss " + m.value();
            case TcpOption.WindowScale w -> "wscale " + w.shift();
            case TcpOption.SackPermitted s -> "sackOK";
            case TcpOption.Timestamp t -> "TS val " + Integer.toUnsignedLong(t.value()) + " ecr "
                    + Integer.toUnsignedLong(t.echo());
            case TcpOption.Sack s -> "sack " + s.blocks().stream()
                    .map(b -> SeqSpace.remoteRelative(b.start()) + ":" + SeqSpace.remoteRelative(b.end()))
                    .collect(Collectors.joining(" "));
            case TcpOption.Nop n -> "nop";
            case TcpOption.Eol e -> "eol";
            default -> o.toString();
        }).collect(Collectors.joining(","));
    }
}
