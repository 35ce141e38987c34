package dev.scn.lang;

import dev.scn.model.Span;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one place problems are collected. Library code adds to it and never prints; the CLI
 * prints it. At most {@link #MAX_ERRORS} errors are kept, so a hopeless file does not flood the
 * terminal.
 */
public final class Diagnostics {
    public static final int MAX_ERRORS = 20;

    private final List<Diagnostic> all = new ArrayList<>();
    private int errors;
    private boolean truncated;

    public void error(String code, Span span, String message, String hint) {
        if (errors >= MAX_ERRORS) {
            truncated = true;
            return;
        }
        errors++;
        all.add(new Diagnostic(code, Diagnostic.Severity.ERROR, span, message, hint));
    }

    public void warning(String code, Span span, String message, String hint) {
        all.add(new Diagnostic(code, Diagnostic.Severity.WARNING, span, message, hint));
    }

    /** Adds another collector's diagnostics (its errors still count toward {@link #MAX_ERRORS}). */
    public void addAll(Diagnostics other) {
        for (Diagnostic d : other.all) {
            add(d);
        }
        truncated |= other.truncated;
    }

    /** Adds one diagnostic as it is. */
    public void add(Diagnostic d) {
        if (d.isError()) {
            error(d.code(), d.span(), d.message(), d.hint());
        } else {
            warning(d.code(), d.span(), d.message(), d.hint());
        }
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors;
    }

    /** True when more errors were found than kept. */
    public boolean truncated() {
        return truncated;
    }

    /** In source order (file, line, column), errors before warnings at the same place. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(all);
        out.sort((a, b) -> {
            int c = a.span().file().compareTo(b.span().file());
            if (c == 0) {
                c = Integer.compare(a.span().line(), b.span().line());
            }
            if (c == 0) {
                c = Integer.compare(a.span().column(), b.span().column());
            }
            if (c == 0) {
                c = a.severity().compareTo(b.severity());
            }
            return c;
        });
        return Collections.unmodifiableList(out);
    }
}
