package dev.scn.cli;

import dev.scn.lang.Diagnostic;
import dev.scn.lang.Diagnostics;
import dev.scn.load.ScenarioLoad;
import dev.scn.model.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The CLI side of loading a file ({@link ScenarioLoad}, the one front door): printing its diagnostics. */
final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /**
     * @param scenario    the scenario when the file parsed (it may still have validation errors)
     * @param sourceLines the file's lines, for printing diagnostics with their source
     */
    record Loaded(Path path, String displayName, Scenario scenario, Diagnostics diagnostics, List<String> sourceLines) {
        boolean usable() {
            return scenario != null && !diagnostics.hasErrors();
        }
    }

    /** Loads the file and prints its diagnostics: the one place the CLI reports a file's problems. */
    static Loaded load(Path path, PrintWriter err) {
        Loaded loaded = load(path);
        print(loaded, err);
        return loaded;
    }

    /** Every diagnostic of a loaded file, with its source line and caret, then the error count. */
    static void print(Loaded loaded, PrintWriter err) {
        for (Diagnostic d : loaded.diagnostics().sorted()) {
            err.print(DiagnosticPrinter.format(d, loaded.sourceLines()));
        }
        if (loaded.diagnostics().truncated()) {
            err.println(loaded.displayName() + ": too many errors; only the first " + dev.scn.lang.Diagnostics.MAX_ERRORS
                    + " are shown");
        }
        int errors = loaded.diagnostics().errorCount();
        if (errors > 0) {
            err.println(errors + " error" + (errors == 1 ? "" : "s") + " in " + loaded.displayName());
        }
    }

    static Loaded load(Path path) {
        ScenarioLoad.Loaded loaded = ScenarioLoad.file(path);
        return new Loaded(path, loaded.name(), loaded.scenario(), loaded.diagnostics(), loaded.sourceLines());
    }
}
