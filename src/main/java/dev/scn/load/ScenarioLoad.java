package dev.scn.load;

import dev.scn.lang.Diagnostics;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.lang.SourceText;
import dev.scn.model.Scenario;
import dev.scn.run.ScenarioValidator;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads and checks one scenario: reads it ({@link SourceText}: E00xx), parses it (E01xx,
 * E02xx) and validates it (E03xx, W03xx). With syntax errors, the tree ANTLR recovered is still
 * validated and the meaning errors worth showing beside the syntax errors are kept
 * ({@link dev.scn.lang.BrokenLines}).
 */
public final class ScenarioLoad {
    private ScenarioLoad() {
    }

    /**
     * @param scenario    the scenario when the file parsed (it may still have validation errors);
     *                    null when it could not be read or had syntax errors
     * @param sourceLines the file's lines, for printing diagnostics with their source
     */
    public record Loaded(String name, Scenario scenario, Diagnostics diagnostics, List<String> sourceLines) {
        /** Parsed and checked without an error: ready to run. */
        public boolean usable() {
            return scenario != null && !diagnostics.hasErrors();
        }
    }

    public static Loaded file(Path path) {
        return check(SourceText.read(path));
    }

    /** A scenario given as text (the bench, tests), named {@code name} in diagnostics. */
    public static Loaded text(String source, String name) {
        return check(SourceText.of(source, name));
    }

    private static Loaded check(SourceText source) {
        ParseResult parsed = ScenarioParser.parse(source);
        Diagnostics diagnostics = parsed.diagnostics();
        Scenario scenario = parsed.scenarios().isEmpty() ? null : parsed.scenarios().get(0);
        if (scenario != null && !diagnostics.hasErrors()) {
            ScenarioValidator.validate(scenario, diagnostics);
        } else if (!parsed.recovered().isEmpty()) {
            Diagnostics meaning = new Diagnostics();
            try {
                ScenarioValidator.validate(parsed.recovered().get(0), meaning);
                parsed.broken().copyKept(meaning, diagnostics);
            } catch (RuntimeException e) {
                // A recovered model may hold what no parsed file can (a null name): nothing more to say.
            }
        }
        return new Loaded(source.name(), scenario, diagnostics, source.lines());
    }
}
