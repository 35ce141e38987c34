package dev.scn.engine.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    public static final TcpOptions NONE = new TcpOptions(List.of());

    private final List<TcpOption> items;
    private final int length;

    private TcpOptions(List<TcpOption> items) {
        this.items = List.copyOf(items);
        int total = 0;
        for (TcpOption o : this.items) {
            total += o.length();
        }
        if (total > MAX_LENGTH) {
            throw new IllegalArgumentException("TCP options take " + total + " bytes, more than " + MAX_LENGTH);
        }
        this.length = total;
    }

    public static TcpOptions of(List<? extends TcpOption> items) {
        return items.isEmpty() ? NONE : new TcpOptions(new ArrayList<>(items));
    }

    public static TcpOptions of(TcpOption... items) {
        return of(List.of(items));
    }

    /** Just an MSS option, as older code built SYNs; {@code mss == 0} means no option. */
    public static TcpOptions mssOnly(int mss) {
        return mss == 0 ? NONE : of(new TcpOption.Mss(mss));
    }

    public List<TcpOption> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
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

    private <T extends TcpOption> Optional<T> first(Class<T> type) {
        for (TcpOption o : items) {
            if (type.isInstance(o)) {
                return Optional.of(type.cast(o));
            }
        }
        return Optional.empty();
    }

    /** The MSS option's value, 0 when absent. */
    public int mss() {
        return first(TcpOption.Mss.class).map(TcpOption.Mss::value).orElse(0);
    }

    public boolean hasMss() {
        return first(TcpOption.Mss.class).isPresent();
    }

    /** The window scale shift offered, -1 when absent. */
    public int wscale() {
        return first(TcpOption.WindowScale.class).map(TcpOption.WindowScale::shift).orElse(-1);
    }

    public boolean hasWscale() {
        return wscale() >= 0;
    }

    public boolean sackPermitted() {
        return first(TcpOption.SackPermitted.class).isPresent();
    }

    public boolean hasTimestamp() {
        return first(TcpOption.Timestamp.class).isPresent();
    }

    /** TSval, 0 when there is no timestamp option (check {@link #hasTimestamp()}). */
    public int tsVal() {
        return first(TcpOption.Timestamp.class).map(TcpOption.Timestamp::value).orElse(0);
    }

    /** TSecr, 0 when there is no timestamp option. */
    public int tsEcr() {
        return first(TcpOption.Timestamp.class).map(TcpOption.Timestamp::echo).orElse(0);
    }

    /** The SACK blocks carried, empty when there is no SACK option. */
    public List<TcpOption.SackBlock> sackBlocks() {
        return first(TcpOption.Sack.class).map(TcpOption.Sack::blocks).orElse(List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptions t && t.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
