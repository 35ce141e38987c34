package dev.scn.engine.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The receiver's SACK list, step by step, on sequences taken from the suite's
 * rcv-data-segments scripts, each expected list derived by hand from FreeBSD's tcp_sack.c
 * (13.x-era text: tcp_update_sack_list, tcp_update_dsack_list, tcp_clean_dsack_blocks) and
 * matching the script's '>' line.
 */
class SackBlocksTest {

    private static String show(SackBlocks s) {
        StringBuilder b = new StringBuilder();
        for (int[] blk : s.blocks()) {
            b.append(b.length() == 0 ? "" : " ").append(blk[0]).append(':').append(blk[1]);
        }
        return b.toString();
    }

    /** overlapping-*.pkt preparation: 200:300, 400:500, 600:700 arrive out of order, rcv_nxt = 100. */
    private static SackBlocks prepared() {
        SackBlocks s = new SackBlocks();
        // Out of order, nothing reported: tcp_reass queues it with tlen unchanged, so tcp_input
        // calls tcp_update_dsack_list(200, 300); no block touches it, rcv_nxt < 300: mid = 200:300
        // is saved behind an empty D-SACK slot, which is dropped -> [200:300].
        s.updateDsack(100, 200, 300);
        assertEquals("200:300", show(s));
        // 400:500 touches nothing: mid first, the untouched 200:300 after it.
        s.updateDsack(100, 400, 500);
        assertEquals("400:500 200:300", show(s));
        s.updateDsack(100, 600, 700);
        assertEquals("600:700 400:500 200:300", show(s));
        return s;
    }

    /*
     * overlapping-050-075: 50:75 lies wholly below rcv_nxt = 100; the left-edge trim drops all 25
     * bytes and calls tcp_update_sack_list(50, 75): head = 50:75 merges with nothing, the three
     * blocks are saved behind it -> 4 blocks, the D-SACK first. After the ACK went out,
     * tcp_clean_dsack_blocks drops the block at or below rcv_nxt.
     */
    @Test
    @DisplayName("tcp_update_sack_list: a duplicate below rcv_nxt becomes the first (D-SACK) block; sending cleans it")
    void duplicateBelowRcvNxt() {
        SackBlocks s = prepared();
        s.update(100, 50, 75);
        assertEquals("50:75 600:700 400:500 200:300", show(s));
        s.cleanDsack(100);
        assertEquals("600:700 400:500 200:300", show(s));
    }

    /*
     * overlapping-250-275: 250:275 falls inside the queued 200:300, tcp_reass reports the holder
     * (200:300, tlen 100 >= 25), so tcp_update_dsack_list(250, 275): the touched block 200:300
     * is head and is identical to the union (mid), so saved[0] = 250:275 (the overlap, D-SACK),
     * saved[1] = 200:300, then the untouched 600:700, 400:500 in their order.
     */
    @Test
    @DisplayName("tcp_update_dsack_list: a duplicate inside a reported block is reported first, then that block")
    void duplicateInsideBlock() {
        SackBlocks s = prepared();
        s.updateDsack(100, 250, 275);
        assertEquals("250:275 200:300 600:700 400:500", show(s));
    }

    /*
     * overlapping-150-550: 150:550 covers 200:300 and 400:500. The loop keeps as head the lowest
     * touched block (200:300, since 200 < 400), so the D-SACK is 200:300 only, then the union
     * 150:550, then the untouched 600:700.
     */
    @Test
    @DisplayName("tcp_update_dsack_list: of several duplicates only the lowest is reported")
    void lowestOverlapOnly() {
        SackBlocks s = prepared();
        s.updateDsack(100, 150, 550);
        assertEquals("200:300 150:550 600:700", show(s));
    }

    /*
     * overlapping-550-600: 550:600 only abuts 600:700 (no byte in common): head 600:700 gives
     * an empty intersection 600:600, dropped as "a stale initial entry"; the union 550:700 goes
     * first, then 400:500, 200:300.
     */
    @Test
    @DisplayName("tcp_update_dsack_list: an adjacent segment merges without a D-SACK block")
    void adjacentMerges() {
        SackBlocks s = prepared();
        s.updateDsack(100, 550, 600);
        assertEquals("550:700 400:500 200:300", show(s));
    }

    /*
     * overlapping-100-400: the in-order 100:400 advanced rcv_nxt to 500 (400:500 was joined).
     * tcp_update_dsack_list(100, 400) with rcv_nxt 500: 200:300 is below rcv_nxt, its overlap
     * 200:300 becomes head; 400:500 is touched (no overlap) and acknowledged; 600:700 stays.
     */
    @Test
    @DisplayName("tcp_update_dsack_list: in-order data over a queued block reports that block as duplicate")
    void inOrderOverQueued() {
        SackBlocks s = prepared();
        s.updateDsack(500, 100, 400);
        assertEquals("200:300 600:700", show(s));
    }

    /*
     * overlapping-050-275 finish: the trim of 1:800 at rcv_nxt 300 records tcp_update_sack_list(1, 300)
     * in front of the queued blocks' report [600:700, 400:500] -> [1:300, 600:700, 400:500]; the data then reaches 800, and as block 0 ends where the
     * kept data starts (300), tcp_input calls tcp_update_sack_list(1, 300) again with rcv_nxt 800:
     * every block at or below 800 is dropped, the D-SACK head stays alone.
     */
    @Test
    @DisplayName("tcp_update_sack_list: the D-SACK recorded at the trim survives the in-order update")
    void trimDsackSurvives() {
        SackBlocks s = new SackBlocks();
        s.updateDsack(100, 400, 500);
        s.updateDsack(100, 600, 700);
        s.update(300, 1, 300);
        assertEquals("1:300 600:700 400:500", show(s));
        s.update(800, s.start(0), s.end(0));
        assertEquals("1:300", show(s));
    }

    /*
     * reordering-5F4321 seen from the list: 16:32 queued -> [16:32]; 8:16 prepended to it, tcp_reass
     * reports 8:32 (tlen 24 >= 8), tcp_update_dsack_list(8, 16) with rcv_nxt 1: head 16:32 meets
     * 8:16 at 16 only, the empty overlap is dropped, the union 8:32 replaces it.
     */
    @Test
    @DisplayName("tcp_update_dsack_list: a segment prepended to a block extends it")
    void prependExtends() {
        SackBlocks s = new SackBlocks();
        s.updateDsack(1, 16, 32);
        s.updateDsack(1, 8, 16);
        assertEquals("8:32", show(s));
        s.updateDsack(1, 4, 8);
        assertEquals("4:32", show(s));
    }

    /*
     * MAX_SACK_BLKS = 6 blocks are stored; a seventh out-of-order block pushes out the oldest
     * (classic algorithm: "discard the last SACK block").
     */
    @Test
    @DisplayName("six blocks are stored at most, the oldest is dropped")
    void sixBlocksStored() {
        SackBlocks s = new SackBlocks();
        for (int i = 1; i <= 7; i++) {
            s.updateClassic(0, i * 100, i * 100 + 10);
        }
        assertEquals("700:710 600:610 500:510 400:410 300:310 200:210", show(s));
    }

    /*
     * tcp_addoptions: without timestamps the SACK option starts after NOP,NOP (length 2), its
     * header makes 4, (40 - 4) / 8 = 4 blocks fit; after NOP,NOP,TS (12) two more NOPs and the
     * header make 16, (40 - 16) / 8 = 3 blocks. The connection hands over all it stores (5 here,
     * most recent first) and the writer keeps the first ones.
     */
    @Test
    @DisplayName("tcp_addoptions: 4 of the stored SACK blocks fit without timestamps, 3 with them")
    void blocksThatFit() {
        TwoHosts n = new TwoHosts("14.2");
        TcpConnection tp = new TcpConnection(n.serverTcp, TwoHosts.SERVER_IP, 80, TwoHosts.CLIENT_IP, 4000);
        tp.opts.sackPermit = true;
        for (int i = 1; i <= 5; i++) {
            tp.sackBlocks.updateClassic(0, i * 100, i * 100 + 10);
        }
        List<TcpOption.SackBlock> stored = tp.sackBlocksToSend();
        assertEquals(new TcpOption.SackBlock(500, 510), stored.get(0));
        assertEquals(5, stored.size());
        TcpOptions plain = TcpOptionWriter.write(14, new TcpOptionWriter.Wanted(-1, -1, false, false, 0, 0, stored));
        assertEquals(stored.subList(0, 4), plain.sackBlocks());
        TcpOptions stamped = TcpOptionWriter.write(14, new TcpOptionWriter.Wanted(-1, -1, false, true, 1, 1, stored));
        assertEquals(stored.subList(0, 3), stamped.sackBlocks());
        tp.opts.sackPermit = false;
        assertEquals(0, tp.sackBlocksToSend().size());
    }
}
