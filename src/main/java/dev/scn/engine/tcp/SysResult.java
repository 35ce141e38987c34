package dev.scn.engine.tcp;

/**
 * What a system call returned: a value (>= 0) or -1 with errno, or "would block": the call
 * sleeps in the kernel (a blocking socket). The caller advances simulated time and makes the
 * same call again on the same descriptor; the socket layer remembers the sleeping call, so the
 * retry continues it (it is not a new call).
 */
public record SysResult(long value, Errno errno, boolean blocked) {

    public static SysResult ok(long value) {
        return new SysResult(value, null, false);
    }

    public static SysResult error(Errno errno) {
        return new SysResult(-1, errno, false);
    }

    /** The call is asleep in the kernel; retry it after time has passed. */
    public static SysResult wouldBlock() {
        return new SysResult(-1, null, true);
    }

    public boolean isError() {
        return errno != null;
    }

    @Override
    public String toString() {
        if (blocked) {
            return "(blocked)";
        }
        return errno == null ? Long.toString(value) : "-1 " + errno.name() + " (" + errno.strerror() + ")";
    }
}
