package dev.scn.observe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A small independent reader of classic pcap files for tests: global header, records, and the
 * IPv4/TCP/UDP fields of each raw-IP record. It recomputes checksums itself rather than reuse
 * the writer's code.
 */
final class PcapReader {
    final long magic;
    final int versionMajor;
    final int versionMinor;
    final int thisZone;
    final int sigFigs;
    final long snapLen;
    final long linkType;
    final List<Record> records = new ArrayList<>();

    PcapReader(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        int rawMagic = in.getInt();
        if (rawMagic == 0xd4c3b2a1) {
            in.order(ByteOrder.LITTLE_ENDIAN);
        } else if (rawMagic != 0xa1b2c3d4) {
            throw new IllegalArgumentException("not a pcap file: magic " + Integer.toHexString(rawMagic));
        }
        magic = 0xa1b2c3d4L;
        versionMajor = Short.toUnsignedInt(in.getShort());
        versionMinor = Short.toUnsignedInt(in.getShort());
        thisZone = in.getInt();
        sigFigs = in.getInt();
        snapLen = Integer.toUnsignedLong(in.getInt());
        linkType = Integer.toUnsignedLong(in.getInt());
        while (in.hasRemaining()) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            long micros = Integer.toUnsignedLong(in.getInt());
            int capturedLength = in.getInt();
            int originalLength = in.getInt();
            byte[] data = new byte[capturedLength];
            in.get(data);
            records.add(new Record(seconds, micros, capturedLength, originalLength, data));
        }
    }

    record Record(long seconds, long micros, int capturedLength, int originalLength, byte[] data) {
        int u8(int offset) {
            return data[offset] & 0xff;
        }

        int u16(int offset) {
            return (u8(offset) << 8) | u8(offset + 1);
        }

        long u32(int offset) {
            return ((long) u16(offset) << 16) | u16(offset + 2);
        }

        int version() {
            return u8(0) >>> 4;
        }

        int ihlBytes() {
            return (u8(0) & 0x0f) * 4;
        }

        int tos() {
            return u8(1);
        }

        int totalLength() {
            return u16(2);
        }

        int identification() {
            return u16(4);
        }

        boolean dontFragment() {
            return (u16(6) & 0x4000) != 0;
        }

        int fragmentField() {
            return u16(6);
        }

        int ttl() {
            return u8(8);
        }

        int protocol() {
            return u8(9);
        }

        int source() {
            return (int) u32(12);
        }

        int destination() {
            return (int) u32(16);
        }

        int sourcePort() {
            return u16(ihlBytes());
        }

        int destinationPort() {
            return u16(ihlBytes() + 2);
        }

        long seq() {
            return u32(ihlBytes() + 4);
        }

        long ack() {
            return u32(ihlBytes() + 8);
        }

        int tcpHeaderBytes() {
            return (u8(ihlBytes() + 12) >>> 4) * 4;
        }

        int tcpFlags() {
            return u8(ihlBytes() + 13) & 0x3f;
        }

        int window() {
            return u16(ihlBytes() + 14);
        }

        int urgentPointer() {
            return u16(ihlBytes() + 18);
        }

        int udpLength() {
            return u16(ihlBytes() + 4);
        }

        int udpChecksumField() {
            return u16(ihlBytes() + 6);
        }

        /** True when the IP header's one's complement sum, checksum included, is 0xffff. */
        boolean ipChecksumValid() {
            return onesComplementSum(0, ihlBytes(), 0) == 0xffff;
        }

        /** True when the TCP or UDP checksum verifies over pseudo-header, header and payload. */
        boolean transportChecksumValid() {
            int length = totalLength() - ihlBytes();
            long pseudo = u16(12) + u16(14) + u16(16) + u16(18) + protocol() + length;
            return onesComplementSum(ihlBytes(), length, pseudo) == 0xffff;
        }

        boolean payloadAllZero() {
            int payloadStart = ihlBytes() + (protocol() == 6 ? tcpHeaderBytes() : 8);
            for (int i = payloadStart; i < data.length; i++) {
                if (data[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        private int onesComplementSum(int offset, int length, long sum) {
            for (int i = 0; i < length; i += 2) {
                int hi = u8(offset + i);
                int lo = i + 1 < length ? u8(offset + i + 1) : 0;
                sum += (hi << 8) | lo;
            }
            while (sum > 0xffff) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            return (int) sum;
        }
    }
}
