package dev.scn.engine.os;

import java.util.ArrayList;
import java.util.List;

/**
 * The small vocabulary {@link Sysctl} constants are declared with: which releases have a sysctl,
 * whether an administrator may write it and in what range, and values that change at a release.
 */
final class SysctlSpec {
    static final long INT_MAX = Integer.MAX_VALUE;
    /** Every modelled release. */
    static final Releases ALL = new Releases(0);

    private SysctlSpec() {
    }

    /** Present from this major version on. */
    static Releases since(int major) {
        return new Releases(major);
    }

    /** Writable by an administrator within [min, max]. */
    static Access rw(long min, long max) {
        return new Access(false, min, v(max));
    }

    /** Writable, with a maximum that changed at some release. */
    static Access rw(long min, ByRelease<Long> max) {
        return new Access(false, min, max);
    }

    /** Only the kernel writes it (a counter, a boot-time tunable). */
    static Access ro() {
        return new Access(true, 0, v(0L));
    }

    /** A value that holds on every release, until a {@link ByRelease#from} changes it. */
    static ByRelease<Long> v(long value) {
        return new ByRelease<Long>(value);
    }

    static ByRelease<String> v(String value) {
        return new ByRelease<String>(value);
    }

    /** The majors that have a sysctl: from {@code first} on. */
    record Releases(int first) {
        boolean contains(int major) {
            return major >= first;
        }
    }

    /**
     * @param readOnly true when sysctl(8) refuses to write it
     * @param min      smallest accepted value
     * @param max      largest accepted value per release
     */
    record Access(boolean readOnly, long min, ByRelease<Long> max) {
    }

    /** A value per release: the first one, then each change with the major it came in. */
    static final class ByRelease<T> {
        private final List<Integer> majors = new ArrayList<>();
        private final List<T> values = new ArrayList<>();

        private ByRelease(T first) {
            majors.add(0);
            values.add(first);
        }

        /** From this major on, the value is {@code value}. Changes are declared oldest first. */
        ByRelease<T> from(int major, T value) {
            if (major <= majors.get(majors.size() - 1)) {
                throw new IllegalArgumentException("changes must be declared oldest first: " + major);
            }
            majors.add(major);
            values.add(value);
            return this;
        }

        T at(int major) {
            T value = values.get(0);
            for (int i = 1; i < majors.size() && majors.get(i) <= major; i++) {
                value = values.get(i);
            }
            return value;
        }
    }
}
