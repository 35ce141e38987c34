package dev.scn.engine.ipfw;

/** A well-formed command the kernel refused, e.g. deleting a rule that does not exist. */
public final class IpfwCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IpfwCommandException(String message) {
        super(message);
    }
}
