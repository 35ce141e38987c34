package dev.scn.engine.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpOptionsTest {
    /** FreeBSD 14's SYN: <mss 1460,nop,wscale 6,sackOK,TS val 100 ecr 0> (tcp_addoptions order). */
    static final TcpOptions SYN14 = TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.Nop(),
            new TcpOption.WindowScale(6), new TcpOption.SackPermitted(), new TcpOption.Timestamp(100, 0));

    @Test
    void typedAccessorsReadTheOptionsOfASyn() {
        assertEquals(1460, SYN14.mss());
        assertEquals(6, SYN14.wscale());
        assertTrue(SYN14.sackPermitted());
        assertTrue(SYN14.hasTimestamp());
        assertEquals(100, SYN14.tsVal());
        assertEquals(0, SYN14.tsEcr());
        assertTrue(SYN14.sackBlocks().isEmpty());
        // 4 (mss) + 1 (nop) + 3 (wscale) + 2 (sackOK) + 10 (TS) = 20: already a multiple of 4.
        assertEquals(20, SYN14.length());
        assertEquals(20, SYN14.headerLength());
    }

    @Test
    void absentOptionsReadAsZeroOrMinusOne() {
        assertEquals(0, TcpOptions.NONE.mss());
        assertEquals(-1, TcpOptions.NONE.wscale());
        assertFalse(TcpOptions.NONE.sackPermitted());
        assertFalse(TcpOptions.NONE.hasTimestamp());
        assertEquals(0, TcpOptions.NONE.headerLength());
    }

    @Test
    void encodesKindLengthAndValuesInNetworkOrder() {
        byte[] expected = {
            2, 4, 0x05, (byte) 0xb4,          // mss 1460 = 0x05b4
            1,                                 // nop
            3, 3, 6,                           // wscale 6
            4, 2,                              // sackOK
            8, 10, 0, 0, 0, 100, 0, 0, 0, 0,   // TS val 100 ecr 0
        };
        assertArrayEquals(expected, SYN14.encode());
    }

    @Test
    void oddLengthsArePaddedWithZerosToTheDataOffsetWord() {
        // A hand-written list of mss + wscale: 7 bytes, carried in 8 (one zero byte = EOL).
        TcpOptions odd = TcpOptions.of(new TcpOption.Mss(536), new TcpOption.WindowScale(0));
        assertEquals(7, odd.length());
        assertEquals(8, odd.headerLength());
        assertArrayEquals(new byte[] {2, 4, 2, 24, 3, 3, 0, 0}, odd.encode());
    }

    @Test
    void sackBlocksAndRawOptionsKeepTheirBytes() {
        TcpOptions sack = TcpOptions.of(new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(200, 300))));
        assertEquals(List.of(new TcpOption.SackBlock(200, 300)), sack.sackBlocks());
        assertArrayEquals(new byte[] {1, 1, 5, 10, 0, 0, 0, (byte) 200, 0, 0, 1, 44}, sack.encode());
        TcpOptions raw = TcpOptions.of(new TcpOption.Raw(34, 2, new byte[0]));
        assertArrayEquals(new byte[] {34, 2, 0, 0}, raw.encode());
    }

    @Test
    void moreThanFortyBytesIsRefused() {
        TcpOption.Sack four = new TcpOption.Sack(List.of(new TcpOption.SackBlock(1, 2),
                new TcpOption.SackBlock(3, 4), new TcpOption.SackBlock(5, 6), new TcpOption.SackBlock(7, 8)));
        assertEquals(34, TcpOptions.of(four).length());
        assertThrows(IllegalArgumentException.class, () -> TcpOptions.of(four, new TcpOption.Timestamp(1, 1)));
    }

    @Test
    void packetDerivesMssOptionAndHeaderLengthFromItsOptions() {
        Packet p = Packet.tcp(1, 2, 3, 4).flags(TcpFlags.SYN).options(SYN14).build();
        assertEquals(1460, p.mssOption());
        assertEquals(SYN14, p.options());
        assertEquals(20 + 20 + 20, p.ipLength());
        Packet legacy = Packet.tcp(1, 2, 3, 4).flags(TcpFlags.SYN).mssOption(1460).build();
        assertEquals(TcpOptions.of(new TcpOption.Mss(1460)), legacy.options());
        assertEquals(44, legacy.ipLength());
    }
}
