package dev.scn.engine.flow;

/**
 * A map from IPv4 addresses to values, with open addressing over an {@code int[]}: a lookup per
 * packet (which host owns this destination?) neither boxes the address nor walks a bucket list.
 * A traffic pool owns a whole /16, so the table is sized for tens of thousands of addresses;
 * and because a pool's addresses are put in one after the other, long runs of consecutive
 * addresses with one value are also kept as ranges and tried first: a packet to a random
 * address of the pool then costs two comparisons instead of two cache misses in a large table.
 *
 * @param <V> the value type; null values are not stored
 */
public final class AddressMap<V> {
    /** How long a run of consecutive insertions must be to be kept as a range, and how many are. */
    private static final int LONG_RUN = 256;
    private static final int MAX_RUNS = 4;

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;
    /** The ranges kept: first address, length, value. */
    private final int[] runFirst = new int[MAX_RUNS];
    private final int[] runLength = new int[MAX_RUNS];
    private final Object[] runValue = new Object[MAX_RUNS];
    private int runs;
    /** The run the latest insertions are growing, kept as a range once it is long. */
    private int growingFirst;
    private int growingLength;
    private Object growingValue;

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(int address) {
        for (int r = 0; r < runs; r++) {
            if (Integer.compareUnsigned(address - runFirst[r], runLength[r]) < 0) {
                return (V) runValue[r];
            }
        }
        int mask = keys.length - 1;
        for (int i = slot(address, mask); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == address) {
                return (V) value;
            }
        }
    }

    public boolean containsKey(int address) {
        return get(address) != null;
    }

    /** Maps the address to the value unless it is mapped already; returns the earlier value, or null. */
    public V putIfAbsent(int address, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        V previous = get(address);
        if (previous != null) {
            return previous;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(address, value);
        size++;
        noteRun(address, value);
        return null;
    }

    /** Grows the current run of consecutive insertions, and keeps it as a range once it is long. */
    private void noteRun(int address, Object value) {
        if (growingLength > 0 && value == growingValue && address == growingFirst + growingLength) {
            growingLength++;
        } else {
            growingFirst = address;
            growingLength = 1;
            growingValue = value;
        }
        if (growingLength < LONG_RUN) {
            return;
        }
        int r = growingLength == LONG_RUN ? runs : runs - 1;
        if (growingLength == LONG_RUN) {
            if (runs == MAX_RUNS) {
                return;
            }
            runs++;
        } else if (runFirst[r] != growingFirst || runValue[r] != value) {
            return;
        }
        runFirst[r] = growingFirst;
        runLength[r] = growingLength;
        runValue[r] = value;
    }

    private void insert(int address, Object value) {
        int mask = keys.length - 1;
        int i = slot(address, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = address;
        values[i] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Fibonacci hashing: consecutive addresses of a pool spread over the whole table. */
    private static int slot(int address, int mask) {
        return ((address * 0x9E3779B9) >>> 16 ^ (address * 0x9E3779B9)) & mask;
    }

}
