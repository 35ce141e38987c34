package dev.scn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scn check FILE...}: parse and validate, report every problem, run nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse and validate scenario files; print every error and warning.",
        footer = {"", "Examples:", "  scn check scenarios/finwait2-ipfw-keepalive.scn", "  scn check scenarios/*.scn",
                ExitCodes.HELP})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (.scn).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean bad = false;
        for (Path file : files) {
            ScenarioLoader.Loaded loaded = ScenarioLoader.load(file, err);
            if (!loaded.usable()) {
                bad = true;
            } else {
                out.println(file + ": ok (" + loaded.scenario().name() + ", " + (1 + loaded.scenario().variants().size())
                        + " run" + (loaded.scenario().variants().isEmpty() ? "" : "s") + ")");
            }
        }
        return bad ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
