package dev.scn.engine.tcp;

/**
 * The errno values a socket call can return, with FreeBSD's numbers (sys/sys/errno.h) and
 * strerror texts (lib/libc/gen/errlst.c). EWOULDBLOCK is EAGAIN (35) on FreeBSD; packetdrill
 * scripts spell it either way, so {@link #byName} accepts both.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    EBADF(9, "Bad file descriptor"),
    EFAULT(14, "Bad address"),
    EINVAL(22, "Invalid argument"),
    EMFILE(24, "Too many open files"),
    EPIPE(32, "Broken pipe"),
    EAGAIN(35, "Resource temporarily unavailable"),
    EINPROGRESS(36, "Operation now in progress"),
    EALREADY(37, "Operation already in progress"),
    ENOTSOCK(38, "Socket operation on non-socket"),
    EDESTADDRREQ(39, "Destination address required"),
    EMSGSIZE(40, "Message too long"),
    EPROTOTYPE(41, "Protocol wrong type for socket"),
    ENOPROTOOPT(42, "Protocol not available"),
    EPROTONOSUPPORT(43, "Protocol not supported"),
    EOPNOTSUPP(45, "Operation not supported"),
    EAFNOSUPPORT(47, "Address family not supported by protocol family"),
    EADDRINUSE(48, "Address already in use"),
    EADDRNOTAVAIL(49, "Can't assign requested address"),
    ENETDOWN(50, "Network is down"),
    ENETUNREACH(51, "Network is unreachable"),
    ECONNABORTED(53, "Software caused connection abort"),
    ECONNRESET(54, "Connection reset by peer"),
    ENOBUFS(55, "No buffer space available"),
    EISCONN(56, "Socket is already connected"),
    ENOTCONN(57, "Socket is not connected"),
    ESHUTDOWN(58, "Can't send after socket shutdown"),
    ETIMEDOUT(60, "Operation timed out"),
    ECONNREFUSED(61, "Connection refused"),
    EHOSTUNREACH(65, "No route to host");

    /** FreeBSD's EWOULDBLOCK, the same number as EAGAIN (errno.h: #define EWOULDBLOCK EAGAIN). */
    public static final Errno EWOULDBLOCK = EAGAIN;

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The value errno holds (FreeBSD numbering). */
    public int number() {
        return number;
    }

    /** strerror(3) on FreeBSD. */
    public String strerror() {
        return text;
    }

    /** By symbolic name; "EWOULDBLOCK" gives EAGAIN. Null when unknown. */
    public static Errno byName(String name) {
        if ("EWOULDBLOCK".equals(name)) {
            return EAGAIN;
        }
        for (Errno e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** By number; null when unknown (0 is no error). */
    public static Errno byNumber(long number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return null;
    }
}
