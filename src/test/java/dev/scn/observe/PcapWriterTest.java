package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapWriterTest {
    static final int A = Ipv4.parse("192.0.2.10");
    static final int B = Ipv4.parse("198.51.100.7");

    static final Packet SYN = Packet.tcp(B, 1025, A, 80).seq(0xfedcba98).flags(TcpFlags.SYN).window(65535)
            .mssOption(1460).dontFragment(true).build();
    static final Packet DATA = Packet.tcp(A, 80, B, 1025).seq(1000).ack(0x80000001).flags(TcpFlags.ACK | TcpFlags.PUSH)
            .window(57344).payloadLength(1461).tos(0x10).ttl(63).build();
    static final Packet DATAGRAM = Packet.udp(B, 5353, A, 53).payloadLength(3).build();

    static List<CapturedPacket> sample() {
        return List.of(new CapturedPacket(0, SYN, 0),
                new CapturedPacket(SimTime.seconds(281) + 42, DATA, 0xbeef),
                new CapturedPacket(SimTime.seconds(4_000_000), DATAGRAM, 7));
    }

    @Test
    void globalHeaderIsClassicPcapWithMicrosecondsSnaplen65535AndRawIp() {
        PcapReader file = new PcapReader(PcapWriter.toBytes(List.of()));
        assertEquals(0xa1b2c3d4L, file.magic);
        assertEquals(2, file.versionMajor);
        assertEquals(4, file.versionMinor);
        assertEquals(0, file.thisZone);
        assertEquals(0, file.sigFigs);
        assertEquals(65535, file.snapLen);
        assertEquals(101, file.linkType);
        assertTrue(file.records.isEmpty());
    }

    @Test
    void recordTimestampsAreSimulatedSecondsAndMicrosecondsSinceTheStart() {
        PcapReader file = new PcapReader(PcapWriter.toBytes(sample()));
        assertEquals(3, file.records.size());
        assertEquals(0, file.records.get(0).seconds());
        assertEquals(0, file.records.get(0).micros());
        assertEquals(281, file.records.get(1).seconds());
        assertEquals(42, file.records.get(1).micros());
        assertEquals(4_000_000, file.records.get(2).seconds());
    }

    @Test
    void synCarriesTheMssOptionInA24ByteTcpHeader() {
        PcapReader.Record r = new PcapReader(PcapWriter.toBytes(sample())).records.get(0);
        assertEquals(44, r.capturedLength());
        assertEquals(44, r.originalLength());
        assertEquals(4, r.version());
        assertEquals(20, r.ihlBytes());
        assertEquals(44, r.totalLength());
        assertEquals(0, r.identification());
        assertTrue(r.dontFragment());
        assertEquals(0x4000, r.fragmentField(), "DF only, offset 0");
        assertEquals(64, r.ttl());
        assertEquals(6, r.protocol());
        assertEquals(B, r.source());
        assertEquals(A, r.destination());
        assertEquals(1025, r.sourcePort());
        assertEquals(80, r.destinationPort());
        assertEquals(0xfedcba98L, r.seq());
        assertEquals(0, r.ack());
        assertEquals(24, r.tcpHeaderBytes());
        assertEquals(TcpFlags.SYN, r.tcpFlags());
        assertEquals(65535, r.window());
        assertEquals(0, r.urgentPointer());
        assertEquals(2, r.u8(40), "option kind MSS");
        assertEquals(4, r.u8(41), "option length");
        assertEquals(1460, r.u16(42));
        assertTrue(r.ipChecksumValid());
        assertTrue(r.transportChecksumValid());
    }

    @Test
    void dataSegmentHasZeroPayloadOfItsLengthAndChecksumsOverAnOddLength() {
        PcapReader.Record r = new PcapReader(PcapWriter.toBytes(sample())).records.get(1);
        assertEquals(20 + 20 + 1461, r.totalLength());
        assertEquals(r.totalLength(), r.capturedLength());
        assertEquals(0x10, r.tos());
        assertEquals(63, r.ttl());
        assertEquals(0xbeef, r.identification());
        assertFalse(r.dontFragment());
        assertEquals(1000, r.seq());
        assertEquals(0x80000001L, r.ack());
        assertEquals(20, r.tcpHeaderBytes());
        assertEquals(TcpFlags.ACK | TcpFlags.PUSH, r.tcpFlags());
        assertEquals(57344, r.window());
        assertTrue(r.payloadAllZero());
        assertTrue(r.ipChecksumValid());
        assertTrue(r.transportChecksumValid());
    }

    @Test
    void udpDatagramHasLengthAndChecksum() {
        PcapReader.Record r = new PcapReader(PcapWriter.toBytes(sample())).records.get(2);
        assertEquals(17, r.protocol());
        assertEquals(31, r.totalLength());
        assertEquals(5353, r.sourcePort());
        assertEquals(53, r.destinationPort());
        assertEquals(11, r.udpLength());
        assertEquals(7, r.identification());
        assertTrue(r.udpChecksumField() != 0, "0 would mean no checksum");
        assertTrue(r.ipChecksumValid());
        assertTrue(r.transportChecksumValid());
    }

    /*
     * ECN: the SYN of ecn.enable=1 has ECE|CWR (0x40|0x80) in the TCP flags byte, 13th byte of
     * the TCP header (IP header 20 bytes, so datagram[33]); a data segment's ECT(0) is the TOS
     * byte's low bits (datagram[1]). The flags field was limited to 6 bits before.
     */
    @Test
    void ecnFlagsAndCodepointAreWritten() {
        Packet syn = Packet.tcp(B, 1025, A, 80).flags(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR).window(65535)
                .build();
        assertEquals(0xc2, Ipv4Datagram.encode(syn, 0)[33] & 0xff);
        Packet data = Packet.tcp(A, 80, B, 1025).flags(TcpFlags.ACK).payloadLength(10).tos(Packet.ECN_ECT0).build();
        assertEquals(0x02, Ipv4Datagram.encode(data, 0)[1] & 0xff);
    }

    @Test
    void checksumsMatchAHandComputedHeader() {
        // RFC 1071 style check on a known header: 45 00 00 2c 00 00 40 00 40 06 [cksum] c6 33 64 07 c0 00 02 0a
        byte[] datagram = Ipv4Datagram.encode(SYN, 0);
        long sum = 0x4500 + 0x002c + 0x0000 + 0x4000 + 0x4006 + 0xc633 + 0x6407 + 0xc000 + 0x020a;
        sum = (sum & 0xffff) + (sum >>> 16);
        int expected = (int) (~sum & 0xffff);
        assertEquals(expected, ((datagram[10] & 0xff) << 8) | (datagram[11] & 0xff));
    }

    @Test
    void samePacketsGiveIdenticalBytes() {
        assertArrayEquals(PcapWriter.toBytes(sample()), PcapWriter.toBytes(sample()));
    }

    @Test
    void writeReplacesTheFileAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.pcap");
        Files.writeString(file, "old", StandardCharsets.US_ASCII);
        PcapWriter.write(file, sample());
        assertArrayEquals(PcapWriter.toBytes(sample()), Files.readAllBytes(file));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void aPacketThatCannotBeWrittenLeavesTheOldFileAndNoPartialOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.pcap");
        Files.writeString(file, "old", StandardCharsets.US_ASCII);
        Packet tooWide = Packet.tcp(A, 80, B, 1025).window(70000).build();
        List<CapturedPacket> packets = List.of(new CapturedPacket(0, SYN, 0), new CapturedPacket(1, tooWide, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcapWriter.write(file, packets));
        assertTrue(e.getMessage().startsWith("window 70000 does not fit"), e.getMessage());
        assertEquals("old", Files.readString(file, StandardCharsets.US_ASCII));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList());
        }
    }
}
