package dev.scn.drill.script;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.antlr.PacketdrillParser;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * A packet line, tree to {@link PacketStep}, with packetdrill's checks: field ranges (parser.y),
 * end = start + length (parser.y, seq: "inconsistent TCP sequence numbers and payload size"),
 * flag letters (tcp_packet.c, valid_tcp_flags), {@code win} required on an inbound packet
 * (tcp_packet.c, new_tcp_packet) and {@code <...>} only on an outbound one (parser.y, tcp_packet_spec).
 */
final class PacketBuilder {
    /** packetdrill's tcp_packet.c accepts "FSRP.EWC"; U (urgent) is accepted too, as parser.y has urg. */
    static final String FLAG_LETTERS = "FSRPUEWC.";

    private final String file;
    private final Diagnostics diagnostics;
    private final Values values;

    PacketBuilder(String file, Diagnostics diagnostics, Values values) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.values = values;
    }

    PacketStep build(PacketdrillParser.PacketContext p, int line, int column, Timing timing) {
        Direction dir = p.direction().LT() != null ? Direction.INBOUND : Direction.OUTBOUND;
        IpInfo ip = ipInfo(p.ipInfo());
        String flags = flags(p.flags());
        long seqStart = 0;
        long seqEnd = 0;
        int length;
        boolean absolute = false;
        boolean anySeq = p.seq() instanceof PacketdrillParser.AnySeqContext;
        if (p.seq() instanceof PacketdrillParser.RangeSeqContext r) {
            seqStart = values.unsigned(r.start, Values.U32, "sequence number");
            seqEnd = values.unsigned(r.end, Values.U32, "sequence number");
            length = (int) values.unsigned(r.len, Values.U16, "payload length");
            absolute = r.BANG() != null;
            if (seqEnd != seqStart + length) {
                values.error(r.end, "inconsistent sequence numbers and length: " + seqStart + ":" + seqEnd
                        + "(" + length + ") has end - start = " + (seqEnd - seqStart), DrillExpectations.SEQ_HINT);
            }
        } else {
            length = (int) values.unsigned(((PacketdrillParser.AnySeqContext) p.seq()).len, Values.U16,
                    "payload length");
        }
        Long ack = p.ackPart() == null ? null : values.unsigned(p.ackPart().INTEGER().getSymbol(), Values.U32, "ack");
        Long win = p.winPart() == null ? null : values.unsigned(p.winPart().INTEGER().getSymbol(), Values.U16, "window");
        if (win == null && dir == Direction.INBOUND) {
            misplaced(p.seq().getStop(), "an inbound packet needs 'win N'",
                    "packetdrill builds the segment it injects and must know its window");
        }
        List<TcpOpt> options = options(p.tcpOptions(), dir);
        UdpEncap udp = p.udpEncap() == null ? null : new UdpEncap(
                (int) values.unsigned(p.udpEncap().src, Values.U16, "UDP port"),
                (int) values.unsigned(p.udpEncap().dst, Values.U16, "UDP port"));
        return new PacketStep(line, column, timing, dir, ip.tos, flags, seqStart, seqEnd, length, absolute,
                ack, win, options, udp, ip.ttl, ip.ecn, anySeq);
    }

    private record IpInfo(Integer tos, Integer ttl, String ecn) {
    }

    private IpInfo ipInfo(PacketdrillParser.IpInfoContext ctx) {
        Integer tos = null;
        Integer ttl = null;
        String ecn = null;
        if (ctx == null) {
            return new IpInfo(null, null, null);
        }
        for (PacketdrillParser.IpInfoItemContext item : ctx.ipInfoItem()) {
            if (item instanceof PacketdrillParser.TosItemContext t) {
                tos = (int) values.unsigned(t.HEX().getSymbol(), Values.U8, "tos");
            } else if (item instanceof PacketdrillParser.TtlItemContext t) {
                ttl = (int) values.unsigned(t.INTEGER().getSymbol(), Values.U8, "ttl");
            } else if (item instanceof PacketdrillParser.EcnItemContext e) {
                ecn = e.ecnName().getText();
            } else {
                ecn = ((PacketdrillParser.EcnItem2Context) item).ecnName().getText();
            }
        }
        return new IpInfo(tos, ttl, ecn);
    }

    private String flags(PacketdrillParser.FlagsContext ctx) {
        if (ctx.MINUS() != null) {
            return "";
        }
        String flags = ctx.getText();
        for (char c : flags.toCharArray()) {
            if (FLAG_LETTERS.indexOf(c) < 0) {
                values.error(ctx.getStart(), "unknown TCP flag '" + c + "' in " + flags, DrillExpectations.FLAGS_HINT);
                break;
            }
        }
        return flags;
    }

    private List<TcpOpt> options(PacketdrillParser.TcpOptionsContext ctx, Direction dir) {
        if (ctx == null) {
            return null;
        }
        if (ctx instanceof PacketdrillParser.AnyOptionsContext) {
            if (dir == Direction.INBOUND) {
                misplaced(ctx.getStart(), "<...> on an inbound packet",
                        "<...> accepts whatever options the stack sends; an injected packet needs its options written");
            }
            return List.of(new TcpOpt.Any());
        }
        List<TcpOpt> out = new ArrayList<>();
        for (PacketdrillParser.TcpOptionContext o : ((PacketdrillParser.OptionListContext) ctx).tcpOption()) {
            out.add(option(o));
        }
        return out;
    }

    private TcpOpt option(PacketdrillParser.TcpOptionContext o) {
        if (o instanceof PacketdrillParser.MssOptionContext m) {
            return new TcpOpt.Mss((int) values.unsigned(m.INTEGER().getSymbol(), Values.U16, "mss"));
        }
        if (o instanceof PacketdrillParser.WscaleOptionContext w) {
            return new TcpOpt.WScale((int) values.unsigned(w.INTEGER().getSymbol(), Values.U8, "window scale"));
        }
        if (o instanceof PacketdrillParser.SackOkOptionContext) {
            return new TcpOpt.SackOk();
        }
        if (o instanceof PacketdrillParser.SackOptionContext s) {
            List<TcpOpt.SackBlock> blocks = new ArrayList<>();
            for (PacketdrillParser.SackBlockContext b : s.sackBlock()) {
                blocks.add(new TcpOpt.SackBlock(values.unsigned(b.INTEGER(0).getSymbol(), Values.U32, "SACK edge"),
                        values.unsigned(b.INTEGER(1).getSymbol(), Values.U32, "SACK edge")));
            }
            return new TcpOpt.Sack(blocks);
        }
        if (o instanceof PacketdrillParser.TsOptionContext t) {
            return new TcpOpt.Timestamp(values.unsigned(t.val, Values.U32, "TS val"),
                    values.unsigned(t.ecr, Values.U32, "TS ecr"));
        }
        if (o instanceof PacketdrillParser.NopOptionContext) {
            return new TcpOpt.Nop();
        }
        if (o instanceof PacketdrillParser.EolOptionContext) {
            return new TcpOpt.Eol();
        }
        if (o instanceof PacketdrillParser.Md5OptionContext m) {
            return new TcpOpt.Md5(m.WORD().getText());
        }
        return new TcpOpt.Other(Spans.text(o));
    }

    private void misplaced(Token at, String message, String hint) {
        diagnostics.error(Code.DRILL_MISPLACED.id(), Spans.of(file, at), message, hint);
    }
}
