package dev.scn.observe;

import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** tcp_print's option text (tcpdump print-tcp.c): names, values, "[len N]", nothing after EOL. */
class TcpdumpOptionsTest {
    @Test
    void synOptionsReadAsTcpdumpPrintsThem() {
        TcpOptions syn = TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.Nop(), new TcpOption.WindowScale(6),
                new TcpOption.SackPermitted(), new TcpOption.Timestamp(123, 0));
        assertEquals("mss 1460,nop,wscale 6,sackOK,TS val 123 ecr 0", TcpdumpOptions.text(syn, 0));
        assertNull(TcpdumpOptions.text(TcpOptions.NONE, 0));
    }

    /* The loop breaks after printing TCPOPT_EOL: the pad byte behind it is not printed. */
    @Test
    void nothingIsPrintedAfterTheFirstEol() {
        TcpOptions synAck = TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Eol(),
                new TcpOption.Eol());
        assertEquals("mss 1460,sackOK,eol", TcpdumpOptions.text(synAck, 0));
    }

    /* " %u " then "{%u:%u}" per block, made relative like the ack (base 1000: 1200-1000, 1300-1000). */
    @Test
    void sackBlocksAreCountedAndRelative() {
        TcpOptions sack = TcpOptions.of(new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(1200, 1300))));
        assertEquals("nop,nop,sack 1 {200:300}", TcpdumpOptions.text(sack, 1000));
    }

    /* default case: "unknown-%u", then " 0x" and the data (len - 2 bytes) in hex. */
    @Test
    void unknownOptionsShowTheirBytes() {
        TcpOptions raw = TcpOptions.of(new TcpOption.Raw(34, 4, new byte[] {(byte) 0xab, 0x01}), new TcpOption.Nop());
        assertEquals("unknown-34 0xab01,nop", TcpdumpOptions.text(raw, 0));
    }
}
