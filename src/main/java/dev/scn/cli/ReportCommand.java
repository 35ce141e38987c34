package dev.scn.cli;

import dev.scn.lang.Diagnostic;
import dev.scn.model.Span;
import dev.scn.report.Index;
import dev.scn.report.Lang;
import dev.scn.report.Report;
import dev.scn.report.ReportBuilder;
import dev.scn.report.ReportRenderer;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code scn report PATH... -o DIR}: one self-contained HTML report per scenario and an index;
 * goes on past broken files, which the index and stderr list.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run scenarios and write bilingual HTML reports: DIR/NAME.html per scenario and DIR/index.html.",
                "A folder is searched recursively for .scn files, in sorted order."},
        footer = {"", "Examples:", "  scn report scenarios -o reports",
                "  scn report scenarios/finwait2-ipfw-keepalive.scn -o /tmp/r --lang en", ExitCodes.HELP})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files (.scn) or folders.")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where the reports go.")
    Path output;

    @Option(names = "--lang", paramLabel = "zh|en|both", description = "Language(s) of the reports (default ${DEFAULT-VALUE}).")
    String lang = "both";

    @Option(names = "--variant", paramLabel = "NAME", description = "Report only this run ('base' or a variant's name).")
    String variant;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop a run after N events (default ${DEFAULT-VALUE}).")
    long maxEvents = ScenarioRunner.DEFAULT_MAX_EVENTS;

    @Option(names = "--force", description = "Replace files in DIR that scn did not write.")
    boolean force;

    @Spec
    CommandSpec spec;

    /** Writes a file of the output folder, refusing to replace one scn did not write unless --force. */
    private void write(Path target, String text) throws IOException {
        if (!force && !OutputOwnership.mayReplace(target)) {
            throw new IOException(target + " exists and was not written by scn; move it away or use --force");
        }
        SafeFiles.write(target, text);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Lang> langs;
        try {
            langs = Lang.parseSelection(lang);
        } catch (IllegalArgumentException e) {
            err.println("scn: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        List<Path> files = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".scn")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("scn: " + path + ": cannot be listed: " + e.getMessage());
                    worst = ExitCodes.BAD_INPUT;
                }
            } else {
                files.add(path);
            }
        }
        SafeFiles.sweepLeftovers(output);
        ReportRenderer renderer = new ReportRenderer();
        List<Index.Entry> entries = new ArrayList<>();
        List<Index.Broken> broken = new ArrayList<>();
        Set<String> stems = new HashSet<>();
        for (Path file : files) {
            int code = reportOne(file, renderer, langs, stems, entries, broken, out, err);
            worst = Math.max(worst, code);
        }
        try {
            write(output.resolve("index.html"), renderer.index(new Index(entries, broken), langs));
        } catch (IOException e) {
            err.println("scn: cannot write the index: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println(output.resolve("index.html") + ": " + entries.size() + " report(s), " + broken.size()
                + " file(s) could not be used");
        return worst;
    }

    private int reportOne(Path file, ReportRenderer renderer, List<Lang> langs, Set<String> stems,
                          List<Index.Entry> entries, List<Index.Broken> broken, PrintWriter out, PrintWriter err) {
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(file, err);
        String shown = shown(file);
        if (!loaded.usable()) {
            Diagnostic first = loaded.diagnostics().sorted().stream().filter(Diagnostic::isError).findFirst().orElse(null);
            broken.add(new Index.Broken(shown, first == null ? "unusable"
                    : DiagnosticPrinter.format(shownAt(first, shown), loaded.sourceLines())));
            return ExitCodes.BAD_INPUT;
        }
        ScenarioRunner runner = new ScenarioRunner(loaded.scenario(), ScenarioRunner.RunOptions.defaults());
        List<String> names = runner.variantNames();
        if (variant != null) {
            if (!names.contains(variant)) {
                String message = loaded.displayName() + ": no variant named '" + variant + "'; variants: "
                        + String.join(", ", names);
                err.println("scn: " + message);
                broken.add(new Index.Broken(shown, message.replace(loaded.displayName(), shown)));
                return ExitCodes.BAD_INPUT;
            }
            names = List.of(variant);
        }
        try {
            String stem = stem(file, stems);
            List<RunResult> runs = new ScenarioRunner(loaded.scenario(),
                    ScenarioRunner.RunOptions.forReport(loaded.scenario(), maxEvents)).runAll(names);
            ReportBuilder.Built built = ReportBuilder.build(loaded.scenario(), shown,
                    sha256(Files.readAllBytes(file)), stem, runs);
            Path html = output.resolve(stem + ".html");
            write(html, renderer.report(built.report(), langs));
            if (built.sidecarText() != null) {
                write(output.resolve(built.report().trace().sidecar()), built.sidecarText());
            }
            entries.add(new Index.Entry(shown, loaded.scenario().name(), loaded.scenario().title(),
                    Index.href(stem + ".html"), built.report().runs()));
            int code = ExitCodes.OK;
            for (Report.Run run : built.report().runs()) {
                if (!run.completed()) {
                    err.println("scn: " + loaded.displayName() + " [" + run.name() + "]: the event budget "
                            + "(--max-events " + maxEvents + ") ran out; raise it with --max-events");
                    code = ExitCodes.BAD_INPUT;
                } else if (!run.allHeld()) {
                    code = Math.max(code, ExitCodes.EXPECTATION_FAILED);
                }
            }
            out.println(html + ": " + (code == ExitCodes.OK ? "every expectation held"
                    : code == ExitCodes.EXPECTATION_FAILED ? "some expectation failed" : "a run was stopped"));
            return code;
        } catch (IOException e) {
            err.println("scn: " + file + ": " + e.getMessage());
            // the index is published: the message without the output folder's path
            broken.add(new Index.Broken(shown, String.valueOf(e.getMessage())
                    .replace(output.toAbsolutePath().normalize() + File.separator, "")
                    .replace(output + File.separator, "")));
            return ExitCodes.BAD_INPUT;
        }
    }

    /**
     * A path as the published pages show it: relative to the report folder, with forward slashes,
     * never absolute ({@code ../scenarios/x.scn} for {@code scn report scenarios -o reports}), so a
     * page does not tell where the files lay on the machine that wrote it.
     */
    private String shown(Path file) {
        Path to = file.toAbsolutePath().normalize();
        try {
            return output.toAbsolutePath().normalize().relativize(to).toString().replace(File.separatorChar, '/');
        } catch (IllegalArgumentException e) {
            // another root (a Windows drive): no relative path exists, the name alone says enough
            return String.valueOf(to.getFileName());
        }
    }

    /** The diagnostic with its file shown as the pages show it. */
    private static Diagnostic shownAt(Diagnostic d, String shown) {
        Span s = d.span();
        return new Diagnostic(d.code(), d.severity(), new Span(shown, s.line(), s.column(), s.length()), d.message(),
                d.hint());
    }

    /** The report's file name: the scenario file's name without .scn, made unique within this batch. */
    private static String stem(Path file, Set<String> used) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".scn") ? name.substring(0, name.length() - 4) : name;
        String unique = stem;
        for (int n = 2; !used.add(unique); n++) {
            unique = stem + "-" + n;
        }
        return unique;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
