package dev.scn.lang;

import dev.scn.model.Scenario;

import java.util.List;
import java.util.Set;

/**
 * What {@link ScenarioParser} found: the scenarios of the file (one, when all is well) and the
 * problems. Scenarios are built only from a file without syntax errors; with builder errors they
 * are present but hold neutral values where the errors are, so use them only when
 * {@code !diagnostics.hasErrors()}.
 *
 * @param recovered with syntax errors, the scenario built from the tree ANTLR recovered (empty
 *                  when none could be built): never to run, only to look for more errors in,
 *                  filtered by {@code broken}
 * @param broken    the lines with lexical or syntax errors
 */
public record ParseResult(List<Scenario> scenarios, Diagnostics diagnostics, List<Scenario> recovered,
                          BrokenLines broken) {

    public ParseResult(List<Scenario> scenarios, Diagnostics diagnostics) {
        this(scenarios, diagnostics, List.of(), new BrokenLines(Set.of()));
    }

    public boolean ok() {
        return !diagnostics.hasErrors();
    }

    /** The file's scenario; call only when {@link #ok()}. */
    public Scenario scenario() {
        return scenarios.get(0);
    }
}
