package dev.scn.cli;

import dev.scn.drill.DrillBatch;
import dev.scn.drill.DrillRunner;
import dev.scn.drill.DrillVerdict;
import dev.scn.drill.KnownFailures;
import dev.scn.drill.script.DrillParse;
import dev.scn.drill.script.DrillParser;
import dev.scn.lang.Diagnostic;
import dev.scn.engine.os.Profile;
import dev.scn.engine.os.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scn drill FILE.pkt… | DIR}: packetdrill scripts against a simulated FreeBSD host. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Run packetdrill scripts (FreeBSD's TCP test suite) against a simulated FreeBSD host.",
                "The script plays the remote peer: '<' segments are injected, '>' lines must match what the",
                "host sends, within the script's --tolerance_usecs; syscalls drive the host's sockets."},
        footer = {"", "Examples:", "  scn drill ../shared/tcp-testsuite",
                "  scn drill --os 14.2 ../shared/tcp-testsuite/snippets/closing-ipv4.pkt",
                "  scn drill ../shared/tcp-testsuite --known-failures src/test/resources/drill/known-failures.txt",
                "", "Exit codes:%n  0  every script passed (with --known-failures: no script failed that is not listed)",
                "  1  a script failed%n  2  bad input: no script found, a script or the list unreadable or unparsable"})
final class DrillCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.pkt|DIR", description = "Scripts, or folders searched for *.pkt.")
    List<Path> paths;

    @Option(names = "--os", paramLabel = "RELEASE", description = "FreeBSD release to simulate (default: the newest, ${DEFAULT-VALUE}).")
    String release = Profiles.newest().major() + "." + Profiles.newest().minor();

    @Option(names = "--known-failures", paramLabel = "FILE",
            description = "Scripts expected to fail (PATH reason per line, paths relative to the folder given).")
    Path knownFailures;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Profiles.Resolution resolution;
        try {
            resolution = Profiles.resolve(release);
        } catch (IllegalArgumentException e) {
            err.println("scn drill: --os " + release + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Profile profile = resolution.profile();
        if (resolution.approximate()) {
            err.println("scn drill: FreeBSD " + release + " is not modelled exactly; simulating " + profile.release());
        }
        List<Path> scripts;
        try {
            scripts = DrillBatch.collect(paths);
        } catch (java.io.UncheckedIOException e) {
            err.println("scn drill: " + e.getCause().getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (scripts.isEmpty()) {
            err.println("scn drill: no *.pkt script found in " + paths);
            return ExitCodes.BAD_INPUT;
        }
        DrillRunner runner = new DrillRunner(profile);
        List<DrillVerdict> verdicts = new ArrayList<>();
        for (Path script : scripts) {
            DrillVerdict verdict = run(script, runner, err);
            out.println(verdict.describe());
            out.flush();
            verdicts.add(verdict);
        }
        out.println(DrillBatch.summary(verdicts) + " on " + profile.release());
        if (verdicts.stream().anyMatch(DrillVerdict::badInput)) {
            return ExitCodes.BAD_INPUT;
        }
        if (knownFailures != null) {
            return compareWithKnown(verdicts, out, err);
        }
        return verdicts.stream().allMatch(DrillVerdict::passed) ? ExitCodes.OK : ExitCodes.EXPECTATION_FAILED;
    }

    /** Parses and runs one script; a script that cannot be read or parsed gets its diagnostics printed. */
    private static DrillVerdict run(Path script, DrillRunner runner, PrintWriter err) {
        DrillParse parse = DrillParser.parse(script);
        if (!parse.usable()) {
            for (Diagnostic d : parse.diagnostics().sorted()) {
                err.print(DiagnosticPrinter.format(d, parse.sourceLines()));
            }
            err.flush();
            Diagnostic first = parse.diagnostics().sorted().get(0);
            return DrillVerdict.unreadable(script, first.message());
        }
        return runner.run(parse.script());
    }

    private int compareWithKnown(List<DrillVerdict> verdicts, PrintWriter out, PrintWriter err) {
        KnownFailures known;
        try {
            known = KnownFailures.read(knownFailures);
        } catch (IOException e) {
            err.println("scn drill: cannot read " + knownFailures + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path corpus = paths.size() == 1 && Files.isDirectory(paths.get(0)) ? paths.get(0) : Path.of("");
        KnownFailures.Comparison c = known.compare(corpus, verdicts);
        c.nowPassing().forEach(s -> out.println("now passing (remove it from " + knownFailures + "): " + s));
        c.newFailures().forEach(s -> out.println("new failure (not in " + knownFailures + "): " + s));
        return c.regressed() ? ExitCodes.EXPECTATION_FAILED : ExitCodes.OK;
    }
}
