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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.scn.io.FolderLock;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
    /** Strings, not Paths: a name this locale cannot express is one unusable file, not a failed command. */
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files (.scn) or folders.")
    List<String> paths;

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

    @Option(names = "--junit", paramLabel = "OUT", description = {"Also write JUnit XML for CI: one test case per",
            "expectation and run; a file that could not be used is an error."})
    Path junit;

    /** The runs of each reported scenario, for --junit. */
    private final List<dev.scn.run.JunitXml.Suite> junitSuites = new ArrayList<>();

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    /** The progress line of the runs, or null; its prefix names the scenario ("3/40 name"). */
    private ProgressLine progress;
    private String progressPrefix;

    @Spec
    CommandSpec spec;

    /** The report file names scn itself uses in DIR; a scenario never gets them (index.scn → index-2.html). */
    private static final Set<String> RESERVED_STEMS = Set.of("index");
    /** A file name's limit in bytes on the file systems scn writes to (NAME_MAX). */
    private static final int NAME_MAX = 255;
    /** Room left after a stem for ".trace.txt" (the longest suffix scn adds) and a "-N" to make it unique. */
    private static final int MAX_STEM_BYTES = NAME_MAX - ".trace.txt".length() - 10;

    /** Set by Ctrl-C / SIGTERM (a shutdown hook): stop after the current event, write nothing more. */
    private volatile boolean interrupted;
    private volatile ScenarioRunner current;

    /** Why a file of the output folder may not be replaced (scn did not write it and no --force); null when it may. */
    private String refusal(Path target) {
        if (force || OutputOwnership.mayReplace(target)) {
            return null;
        }
        return target + " exists and was not written by scn; move it away or use --force";
    }

    private void write(Path target, String text) throws IOException {
        String refused = refusal(target);
        if (refused != null) {
            throw new IOException(refused);
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
        String junitProblem = SafeFiles.problemWriting(junit);
        if (junitProblem != null) {
            err.println("scn: cannot write " + junit + ": " + junitProblem);
            return ExitCodes.BAD_INPUT;
        }
        List<Path> files = new ArrayList<>();
        List<Index.Broken> broken = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (String name : paths) {
            Path path = SafeFiles.path(name);
            if (path == null) {
                String message = SafeFiles.unrepresentable(name);
                err.println("scn: " + message);
                broken.add(new Index.Broken(name, message));
                worst = ExitCodes.BAD_INPUT;
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".scn")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("scn: " + path + ": cannot be listed: " + SafeFiles.reason(e));
                    worst = ExitCodes.BAD_INPUT;
                } catch (UncheckedIOException e) {
                    // how Files.walk reports a subfolder it cannot open
                    err.println("scn: " + path + ": cannot be listed: " + SafeFiles.reason(e.getCause()));
                    worst = ExitCodes.BAD_INPUT;
                }
            } else {
                files.add(path);
            }
        }
        Thread onInterrupt = new Thread(this::interrupt, "scn-report-interrupt");
        try {
            Runtime.getRuntime().addShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            return interrupted(0, err);
        }
        try (FolderLock lock = FolderLock.tryLock(output)) {
            if (lock == null) {
                err.println("scn: " + output + " is in use by another 'scn report' (it holds " + FolderLock.FILE_NAME
                        + " there); wait for it to finish or choose another folder");
                return ExitCodes.BAD_INPUT;
            }
            return reportAll(files, langs, broken, worst, out, err);
        } catch (IOException e) {
            err.println("scn: " + output + ": cannot be used as the output folder: " + SafeFiles.reason(e));
            return ExitCodes.BAD_INPUT;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C is in progress: the hook is running.
            }
        }
    }

    private void interrupt() {
        interrupted = true;
        ScenarioRunner runner = current;
        if (runner != null) {
            runner.requestStop();
        }
    }

    private int interrupted(int written, PrintWriter err) {
        err.println("scn: interrupted; " + written + " report(s) written whole before it, nothing half-written, "
                + "the index not updated");
        return ExitCodes.BAD_INPUT;
    }

    /** With the output folder locked: sweeps what killed runs left, writes the reports and the index. */
    private int reportAll(List<Path> files, List<Lang> langs, List<Index.Broken> broken, int worst,
                          PrintWriter out, PrintWriter err) {
        SafeFiles.sweepLeftovers(output);
        ReportRenderer renderer = new ReportRenderer();
        List<Index.Entry> entries = new ArrayList<>();
        Set<String> stems = new HashSet<>(RESERVED_STEMS);
        progress = progressOption.open(out, err);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (interrupted) {
                return interrupted(entries.size(), err);
            }
            progressPrefix = (i + 1) + "/" + files.size() + " " + file.getFileName();
            int code = reportOne(file, renderer, langs, stems, entries, broken, out, err);
            worst = Math.max(worst, code);
        }
        if (interrupted) {
            return interrupted(entries.size(), err);
        }
        try {
            write(output.resolve("index.html"), renderer.index(new Index(entries, broken), langs));
            if (junit != null) {
                SafeFiles.write(junit, dev.scn.run.JunitXml.write("scn report", junitSuites, broken.stream()
                        .map(b -> new dev.scn.run.JunitXml.Broken(b.file(), b.error())).toList()));
            }
        } catch (IOException e) {
            err.println("scn: cannot write the index or --junit: " + e.getMessage());
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
        String stem = stem(file, stems);
        Path html;
        Path trace;
        try {
            html = output.resolve(stem + ".html");
            trace = output.resolve(stem + ".trace.txt");
        } catch (InvalidPathException e) {
            // A name the JVM could not decode (a non-UTF-8 locale such as LANG=C): no output can be named after it.
            String message = SafeFiles.unrepresentable(shown);
            err.println("scn: " + message);
            broken.add(new Index.Broken(shown, message));
            return ExitCodes.BAD_INPUT;
        }
        try {
            // Every output of this scenario is checked before any is written (a stranger's NAME.trace.txt
            // must not be found only after NAME.html replaced the old page).
            for (Path target : List.of(html, trace)) {
                String refused = refusal(target);
                if (refused != null) {
                    throw new IOException(refused);
                }
            }
            byte[] source;
            try {
                source = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IOException(shown + ": cannot be read: " + SafeFiles.reason(e), e);
            }
            ScenarioRunner reportRunner = new ScenarioRunner(loaded.scenario(),
                    ScenarioRunner.RunOptions.forReport(loaded.scenario(), maxEvents));
            current = reportRunner;
            if (progress != null) {
                progress.runs(progressPrefix, names);
                reportRunner.watchProgress(progress);
            }
            if (interrupted) {
                reportRunner.requestStop();
            }
            List<RunResult> runs;
            try {
                runs = reportRunner.runAll(names);
            } finally {
                current = null;
            }
            if (interrupted || runs.stream().anyMatch(r -> r.outcome() == RunResult.Outcome.STOPPED)) {
                return ExitCodes.BAD_INPUT;
            }
            junitSuites.add(new dev.scn.run.JunitXml.Suite(loaded.displayName(), loaded.sourceLines(), runs));
            ReportBuilder.Built built = ReportBuilder.build(loaded.scenario(), shown, sha256(source), stem, runs);
            String page = renderer.report(built.report(), langs);
            // The sidecar first: a page is never on disk before the trace it links to.
            if (built.sidecarText() != null) {
                write(output.resolve(built.report().trace().sidecar()), built.sidecarText());
            }
            write(html, page);
            entries.add(new Index.Entry(shown, loaded.scenario().name(), loaded.scenario().title(),
                    Index.href(stem + ".html"), built.report().runs()));
            int code = ExitCodes.OK;
            for (int i = 0; i < runs.size(); i++) {
                Report.Run run = built.report().runs().get(i);
                RunResult.Outcome outcome = runs.get(i).outcome();
                if (outcome != RunResult.Outcome.COMPLETED) {
                    err.println("scn: " + loaded.displayName() + " [" + run.name() + "]: " + switch (outcome) {
                        case EVENT_BUDGET_EXHAUSTED -> "the event budget (--max-events " + maxEvents
                                + ") ran out; raise it with --max-events";
                        case MEMORY_BOUND -> "the Java heap is nearly full, the run was stopped; give Java more "
                                + "memory (-Xmx) or shorten the run";
                        default -> "the run was stopped";
                    });
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

    /**
     * The report's file name: the scenario file's name without .scn, shortened when NAME.trace.txt
     * would pass the 255-byte limit ({@link #shortened}), made unique within this batch ignoring case
     * (for case-insensitive file systems) and never "index" ({@code index.scn} → {@code index-2.html}).
     */
    private static String stem(Path file, Set<String> used) {
        String name = file.getFileName().toString();
        String stem = shortened(name.endsWith(".scn") ? name.substring(0, name.length() - 4) : name);
        String unique = stem;
        for (int n = 2; !used.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = stem + "-" + n;
        }
        return unique;
    }

    /**
     * A stem of at most {@link #MAX_STEM_BYTES} UTF-8 bytes: a longer one keeps its first
     * characters and ends with "-" and 8 hex digits of the SHA-256 of the whole stem, so the
     * same name always gives the same file and two long names sharing a beginning do not clash.
     */
    private static String shortened(String stem) {
        byte[] utf8 = stem.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_STEM_BYTES) {
            return stem;
        }
        String hash = sha256(utf8).substring(0, 8);
        int budget = MAX_STEM_BYTES - 1 - hash.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept + "-" + hash;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
