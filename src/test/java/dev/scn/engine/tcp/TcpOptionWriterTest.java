package dev.scn.engine.tcp;

import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * tcp_addoptions() padding rules (7.0+) and the inline 4.x-6.x layout, against the option lists
 * FreeBSD's test suite saw on the wire (tcp-testsuite snd-syn/*.pkt, rcv-data-segments/*.pkt).
 */
class TcpOptionWriterTest {
    private static final TcpOption NOP = new TcpOption.Nop();
    private static final TcpOption EOL = new TcpOption.Eol();

    private static TcpOptionWriter.Wanted wanted(int mss, int wscale, boolean sackOk, boolean ts,
                                                 List<TcpOption.SackBlock> sacks) {
        return new TcpOptionWriter.Wanted(mss, wscale, sackOk, ts, 100, 0, sacks);
    }

    /*
     * MSS at 0 (a multiple of 4) -> 4; wscale wants an odd length: NOP -> 5, wscale -> 8;
     * sackOK wants even: 8 -> 10; TS wants 4k+2: 10 -> 20; 20 is a multiple of 4: no EOL.
     * = snd-syn "<mss 1460,nop,wscale 6,sackOK,TS val 100 ecr 0>".
     */
    @Test
    void modernSynIsMssNopWscaleSackOkTimestamp() {
        TcpOptions o = TcpOptionWriter.write(14, wanted(1460, 6, true, true, List.of()));
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, new TcpOption.WindowScale(6), new TcpOption.SackPermitted(),
                new TcpOption.Timestamp(100, 0)), o.items());
        assertEquals(20, o.length());
    }

    /* mss 4 + sackOK 2 = 6, not a multiple of 4: EOL -> 7, pad 0 -> 8 = "<mss 1460,sackOK,eol,eol>". */
    @Test
    void synAckToAPeerOfferingOnlyMssAndSackOkEndsWithTwoEols() {
        TcpOptions o = TcpOptionWriter.write(14, wanted(1460, -1, true, false, List.of()));
        assertEquals(List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), EOL, EOL), o.items());
    }

    /* SACK wants a non-zero 4k+2 length: NOP, NOP -> 2, then 2 + 8 = 10 -> 12 = "<nop,nop,sack 200:300>". */
    @Test
    void ackWithOneSackBlockAndNoTimestampHasTwoLeadingNops() {
        TcpOptions o = TcpOptionWriter.write(14, wanted(-1, -1, false, false,
                List.of(new TcpOption.SackBlock(200, 300))));
        assertEquals(List.of(NOP, NOP, new TcpOption.Sack(List.of(new TcpOption.SackBlock(200, 300)))), o.items());
    }

    /*
     * TS after two NOPs -> 12; SACK wants 4k+2: NOP, NOP -> 14; (40 - 14 - 2) / 8 = 3 blocks fit,
     * so the fourth is left out: 14 + 2 + 24 = 40.
     */
    @Test
    void timestampLeavesRoomForThreeSackBlocks() {
        List<TcpOption.SackBlock> four = List.of(new TcpOption.SackBlock(1, 2), new TcpOption.SackBlock(3, 4),
                new TcpOption.SackBlock(5, 6), new TcpOption.SackBlock(7, 8));
        TcpOptions o = TcpOptionWriter.write(14, wanted(-1, -1, false, true, four));
        assertEquals(40, o.length());
        assertEquals(3, o.sackBlocks().size());
        assertEquals(List.of(NOP, NOP, new TcpOption.Timestamp(100, 0), NOP, NOP), o.items().subList(0, 5));
    }

    /* rfc1323=0 with SACK on, the snd-syn-without-ws-and-ts case: mss 4, sackOK 6, EOL, pad. */
    @Test
    void mssAndTimestampOnlyAlignTheTimestampWithTwoNops() {
        TcpOptions o = TcpOptionWriter.write(14, wanted(1460, -1, false, true, List.of()));
        // mss -> 4; TS wants 4k+2: NOP -> 5, NOP -> 6, TS -> 16.
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, NOP, new TcpOption.Timestamp(100, 0)), o.items());
    }

    /*
     * 5.x tcp_output.c: MSS (4), TCPOPT_SACK_PERMIT_HDR (NOP NOP SACKOK, 4), NOP WSCALE (4),
     * TCPOPT_TSTAMP_HDR (NOP NOP TS, 12) = 24 bytes, word aligned without EOL.
     */
    @Test
    void releng5SynIsBuiltInline() {
        TcpOptions o = TcpOptionWriter.write(5, wanted(1460, 1, true, true, List.of()));
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, NOP, new TcpOption.SackPermitted(), NOP,
                new TcpOption.WindowScale(1), NOP, NOP, new TcpOption.Timestamp(100, 0)), o.items());
        assertEquals(24, o.length());
    }

    /* 5.x: at most TCP_MAX_SACK = 3 blocks, after NOP NOP, whatever room is left. */
    @Test
    void releng5SendsAtMostThreeSackBlocks() {
        List<TcpOption.SackBlock> four = List.of(new TcpOption.SackBlock(1, 2), new TcpOption.SackBlock(3, 4),
                new TcpOption.SackBlock(5, 6), new TcpOption.SackBlock(7, 8));
        TcpOptions o = TcpOptionWriter.write(5, wanted(-1, -1, false, false, four));
        assertEquals(3, o.sackBlocks().size());
        assertEquals(List.of(NOP, NOP), o.items().subList(0, 2));
    }
}
