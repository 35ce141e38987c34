package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic libpcap savefile (pcap-savefile(5)): a 24-byte file header, then per packet
 * a 16-byte record header and the captured bytes.
 *
 * <p>Choices, each for a reason:
 * <ul>
 *   <li>Link type {@link #LINKTYPE_RAW} (101, tcpdump.org link-layer header types: "Raw IP; the
 *       packet begins with an IPv4 or IPv6 header"). One file may mix {@code em0} (Ethernet on a
 *       real box) and {@code lo0} (DLT_NULL) packets; raw IP fits both, and needs no made-up MAC
 *       addresses. The file header holds the LINKTYPE value 101, not a platform's DLT_RAW (12 or
 *       14), which libpcap maps when it reads.</li>
 *   <li>Big-endian fields, magic written as bytes {@code a1 b2 c3 d4}: the reader tells the byte
 *       order from the magic, and the output is the same on every machine.</li>
 *   <li>Timestamps are wall-clock time as pcap-savefile(5) defines it: {@code ts_sec} seconds
 *       since 1970-01-01 00:00:00 UTC and {@code ts_usec} microseconds (the 0xa1b2c3d4 magic means
 *       microsecond resolution), that is the scenario's start (its {@code start} line, or the
 *       fixed default) plus the simulated time, so Wireshark shows the incident's date.</li>
 * </ul>
 * The file appears atomically: bytes go to a temporary file in the same directory, which is
 * forced to disk and renamed over the target. A failure leaves no partial file behind.
 */
public final class PcapWriter {
    public static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    public static final int SNAPLEN = 65535;
    public static final int LINKTYPE_RAW = 101;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private PcapWriter() {
    }

    /** The savefile of a run started at 1970-01-01 00:00:00 UTC (timestamps = simulated time). */
    public static byte[] toBytes(List<CapturedPacket> packets) {
        return toBytes(packets, 0);
    }

    /**
     * The whole savefile in memory, simulated time 0 being {@code startEpochSeconds} (UTC, since
     * 1970): the same packets and start always give the same bytes.
     */
    public static byte[] toBytes(List<CapturedPacket> packets, long startEpochSeconds) {
        byte[][] datagrams = new byte[packets.size()][];
        int size = FILE_HEADER_LENGTH;
        for (int i = 0; i < datagrams.length; i++) {
            CapturedPacket captured = packets.get(i);
            datagrams[i] = Ipv4Datagram.encode(captured.packet(), captured.ipId());
            size += RECORD_HEADER_LENGTH + Math.min(datagrams[i].length, SNAPLEN);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        writeFileHeader(out);
        for (int i = 0; i < datagrams.length; i++) {
            writeRecord(out, startEpochSeconds, packets.get(i).time(), datagrams[i]);
        }
        return out.array();
    }

    /** Writes the savefile to {@code file} atomically, replacing any file of that name. */
    public static void write(Path file, List<CapturedPacket> packets) throws IOException {
        write(file, packets, 0);
    }

    /** As {@link #toBytes(List, long)}, written to {@code file} atomically, replacing any file of that name. */
    public static void write(Path file, List<CapturedPacket> packets, long startEpochSeconds) throws IOException {
        dev.scn.io.AtomicFiles.write(file, toBytes(packets, startEpochSeconds));
    }

    private static void writeFileHeader(ByteBuffer out) {
        out.putInt(MAGIC_MICROSECONDS);
        out.putShort((short) VERSION_MAJOR);
        out.putShort((short) VERSION_MINOR);
        out.putInt(0); // thiszone: timestamps are UTC (simulated)
        out.putInt(0); // sigfigs: always 0
        out.putInt(SNAPLEN);
        out.putInt(LINKTYPE_RAW);
    }

    private static void writeRecord(ByteBuffer out, long startEpochSeconds, long time, byte[] datagram) {
        long seconds = startEpochSeconds + SimTime.wholeSeconds(time);
        if (time < 0 || startEpochSeconds < 0 || seconds > 0xffff_ffffL) {
            throw new IllegalArgumentException("time " + time + " us after " + startEpochSeconds
                    + " s since 1970 does not fit a pcap timestamp");
        }
        int captured = Math.min(datagram.length, SNAPLEN);
        out.putInt((int) seconds);
        out.putInt((int) Math.floorMod(time, SimTime.MICROS_PER_SECOND));
        out.putInt(captured);
        out.putInt(datagram.length);
        out.put(datagram, 0, captured);
    }
}
