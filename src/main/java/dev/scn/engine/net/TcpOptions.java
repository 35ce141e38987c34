package dev.scn.engine.net;

import java.util.Arrays;
import java.util.List;

/**
 * The TCP options of one segment, in wire order, immutable. A stack builds them with
 * tcp_addoptions' order and padding (dev.scn.engine.tcp.TcpOptionWriter); a packet injected from
 * outside (a scenario's inject action, a packetdrill script) may carry any list, so nothing here
 * assumes an order or that NOP/EOL padding is present.
 *
 * <p>The accessors read the first option of each kind, as tcp_dooptions() would keep the last one
 * it parsed; a well-formed list holds each kind at most once, so the difference never shows for
 * what the engine sends. {@link #length()} is the bytes of the options themselves;
 * {@link #headerLength()} rounds up to the 32-bit words the data offset counts.
 */
public final class TcpOptions {
    /** TCP_MAXOLEN: the data offset's 4 bits allow 60 header bytes, 40 of them options. */
    public static final int MAX_LENGTH = 40;
    public static final TcpOptions NONE = new TcpOptions(new TcpOption[0]);

    /** Never changed once built; an array because a stack builds one per segment it sends. */
    private final TcpOption[] items;
    private final int length;

    /** @param items an array no one else holds */
    private TcpOptions(TcpOption[] items) {
        this(items, lengthOf(items));
    }

    private TcpOptions(TcpOption[] items, int total) {
        this.items = items;
        if (total > MAX_LENGTH) {
            throw new IllegalArgumentException("TCP options take " + total + " bytes, more than " + MAX_LENGTH);
        }
        this.length = total;
    }

    public static TcpOptions of(List<? extends TcpOption> items) {
        return items.isEmpty() ? NONE : new TcpOptions(items.toArray(new TcpOption[0]));
    }

    /**
     * The first {@code count} options of the array, copied (a writer's scratch array is reused),
     * whose lengths the writer has summed already: built for every segment sent.
     */
    public static TcpOptions of(TcpOption[] items, int count, int length) {
        return count == 0 ? NONE : new TcpOptions(Arrays.copyOf(items, count), length);
    }

    private static int lengthOf(TcpOption[] items) {
        int total = 0;
        for (TcpOption o : items) {
            total += java.util.Objects.requireNonNull(o, "option").length();
        }
        return total;
    }

    public static TcpOptions of(TcpOption... items) {
        return of(List.of(items));
    }

    /** Just an MSS option, as older code built SYNs; {@code mss == 0} means no option. */
    public static TcpOptions mssOnly(int mss) {
        return mss == 0 ? NONE : of(new TcpOption.Mss(mss));
    }

    public List<TcpOption> items() {
        return List.of(items);
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    /** Bytes the options occupy, before padding to a word. */
    public int length() {
        return length;
    }

    /** Bytes of the TCP header after the fixed 20: the options padded with zeros to a multiple of 4. */
    public int headerLength() {
        return (length + 3) & ~3;
    }

    /** The options as the header carries them, zero-padded to {@link #headerLength()}. */
    public byte[] encode() {
        byte[] out = new byte[headerLength()];
        int at = 0;
        for (TcpOption o : items) {
            at = o.encode(out, at);
        }
        return out;
    }

    /** The first option of the type, null when absent (read for every segment: no Optional). */
    private <T extends TcpOption> T first(Class<T> type) {
        for (TcpOption o : items) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        return null;
    }

    /** The MSS option's value, 0 when absent. */
    public int mss() {
        TcpOption.Mss o = first(TcpOption.Mss.class);
        return o == null ? 0 : o.value();
    }

    public boolean hasMss() {
        return first(TcpOption.Mss.class) != null;
    }

    /** The window scale shift offered, -1 when absent. */
    public int wscale() {
        TcpOption.WindowScale o = first(TcpOption.WindowScale.class);
        return o == null ? -1 : o.shift();
    }

    public boolean hasWscale() {
        return wscale() >= 0;
    }

    public boolean sackPermitted() {
        return first(TcpOption.SackPermitted.class) != null;
    }

    public boolean hasTimestamp() {
        return first(TcpOption.Timestamp.class) != null;
    }

    /** TSval, 0 when there is no timestamp option (check {@link #hasTimestamp()}). */
    public int tsVal() {
        TcpOption.Timestamp o = first(TcpOption.Timestamp.class);
        return o == null ? 0 : o.value();
    }

    /** TSecr, 0 when there is no timestamp option. */
    public int tsEcr() {
        TcpOption.Timestamp o = first(TcpOption.Timestamp.class);
        return o == null ? 0 : o.echo();
    }

    /** The SACK blocks carried, empty when there is no SACK option. */
    public List<TcpOption.SackBlock> sackBlocks() {
        TcpOption.Sack o = first(TcpOption.Sack.class);
        return o == null ? List.of() : o.blocks();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptions t && Arrays.equals(t.items, items);
    }

    @Override
    public int hashCode() {
        return items().hashCode();
    }

    @Override
    public String toString() {
        return items().toString();
    }
}
