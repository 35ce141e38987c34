package dev.scn.drill;

/** A script needs something scn does not model; the script fails with this reason, named. */
final class UnsupportedFeature extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedFeature(String what) {
        super("not modelled by scn: " + what);
    }
}
