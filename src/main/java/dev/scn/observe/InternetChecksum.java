package dev.scn.observe;

/**
 * The Internet checksum of RFC 791 §3.1 and RFC 793 §3.1: the 16-bit one's complement of the
 * one's complement sum of the 16-bit big-endian words (an odd last byte is padded with zero).
 */
final class InternetChecksum {
    private InternetChecksum() {
    }

    /**
     * The checksum of {@code length} bytes from {@code offset}, with {@code initialSum} (a
     * pseudo-header's words, already added up) folded in.
     */
    static int of(byte[] bytes, int offset, int length, long initialSum) {
        long sum = initialSum;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (bytes[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
