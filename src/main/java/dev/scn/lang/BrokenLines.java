package dev.scn.lang;

import java.util.Set;
import java.util.TreeSet;

/**
 * The lines of a file with lexical or syntax errors, and which meaning errors found on the
 * tree ANTLR recovered are still worth showing beside them. A broken line drops out of the
 * tree, so anything that depends on the file as a whole (an unknown name that the broken line
 * may have declared, a host "without an address" whose ip line broke, a missing run line, a
 * connection without a path) would be noise; errors about one line's own words (a sysctl
 * unknown to the release, an ipfw rule outside the subset, a value out of range) are real
 * wherever they are, except on a broken line itself. Time going backwards is kept only before
 * the first broken line, since a broken {@code at} line shifts every {@code at +T} after it.
 */
public final class BrokenLines {
    private static final Set<String> LOCAL = Set.of(
            Code.NUMBER_TOO_LARGE.id(), Code.DURATION_WITHOUT_UNIT.id(), Code.BAD_FLAGS.id(),
            Code.SYSCTL_NOT_INTEGER.id(), Code.UNKNOWN_STATE.id(), Code.PERCENT_RANGE.id(), Code.OUT_OF_RANGE.id(),
            Code.BAD_ESCAPE.id(), Code.EMPTY_WINDOW.id(), Code.WINDOW_WITH_EVERY.id(), Code.DUPLICATE.id(),
            Code.REPLACE_OUTSIDE_VARIANT.id(), Code.UNKNOWN_SYSCTL.id(), Code.SYSCTL_VALUE.id(), Code.IPFW.id(),
            Code.TRAFFIC.id(), Code.NONSENSE_VALUE.id(), Code.APPROXIMATE_RELEASE.id(),
            Code.KEEP_STATE_WITHOUT_SETUP.id(), Code.MTU_NOT_MODELLED.id());
    private static final Set<String> BEFORE_FIRST = Set.of(Code.TIME_BACKWARDS.id(), Code.RELATIVE_BEFORE_ANY_LINE.id());

    private final Set<Integer> lines;

    public BrokenLines(Set<Integer> lines) {
        this.lines = new TreeSet<>(lines);
    }

    public boolean any() {
        return !lines.isEmpty();
    }

    /** True when a meaning diagnostic found on the recovered tree is worth showing. */
    public boolean keeps(Diagnostic d) {
        int line = d.span().line();
        if (lines.contains(line)) {
            return false;
        }
        if (BEFORE_FIRST.contains(d.code())) {
            return line < ((TreeSet<Integer>) lines).first();
        }
        return LOCAL.contains(d.code());
    }

    /** Copies the diagnostics worth showing from {@code meaning} into {@code into}. */
    public void copyKept(Diagnostics meaning, Diagnostics into) {
        for (Diagnostic d : meaning.sorted()) {
            if (keeps(d)) {
                into.add(d);
            }
        }
    }
}
