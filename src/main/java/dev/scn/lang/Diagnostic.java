package dev.scn.lang;

import dev.scn.model.Span;

/**
 * One problem found in a scenario file.
 *
 * @param code     stable identifier, e.g. E0203 (see {@link Code}); indexes the message in the bundles
 * @param severity error stops the run; warning is reported and the run goes on
 * @param span     where: file, line, column, length of the offending text
 * @param message  what is wrong, in one sentence
 * @param hint     how to fix it, or null
 */
public record Diagnostic(String code, Severity severity, Span span, String message, String hint) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
