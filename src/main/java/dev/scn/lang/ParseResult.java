package dev.scn.lang;

import dev.scn.model.Scenario;

import java.util.List;

/**
 * What {@link ScenarioParser} found: the scenarios of the file (one, when all is well) and the
 * problems. Scenarios are built only from a file without syntax errors; with builder errors they
 * are present but hold neutral values where the errors are, so use them only when
 * {@code !diagnostics.hasErrors()}.
 */
public record ParseResult(List<Scenario> scenarios, Diagnostics diagnostics) {

    public boolean ok() {
        return !diagnostics.hasErrors();
    }

    /** The file's scenario; call only when {@link #ok()}. */
    public Scenario scenario() {
        return scenarios.get(0);
    }
}
