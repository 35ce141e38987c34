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
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
                "  scn report scenarios/finwait2-ipfw-keepalive.scn -o /tmp/r --lang en",
                "  scn report scenarios -o shard-2 --shard 2/3",
                "  scn report --merge shard-1 shard-2 shard-3 -o reports", ExitCodes.HELP})
final class ReportCommand implements Callable<Integer> {
    /** Strings, not Paths: a name this locale cannot express is one unusable file, not a failed command. */
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files (.scn) or folders; with --merge, the shards' folders.")
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

    @Option(names = "--detailed", description = {"Simulate every connection packet by packet: no replaying of",
            "traffic connections nothing looks at while under way (the reports are the same)."})
    boolean detailed;

    @Option(names = "--junit", paramLabel = "OUT", description = {"Also write JUnit XML for CI: one test case per",
            "expectation and run; a file that could not be used is an error."})
    Path junit;

    @Option(names = "--shard", paramLabel = "K/N", description = {"Report only shard K of N: the files at positions",
            "K-1, K-1+N, ... of the batch (from 0); write", "DIR/scn-shard-K-of-N.json, not the index (--merge)."})
    String shardText;

    @Option(names = "--merge", description = {"PATHs are shard folders: gather their reports into DIR",
            "and write DIR/index.html as one unsharded report would."})
    boolean merge;

    /** This process's shard; null when unsharded. */
    private ShardSpec shard;
    /** The names of the files written into DIR, in order, for the shard manifest. */
    private final List<String> written = new ArrayList<>();

    /** The runs of each reported scenario, for --junit. */
    private final List<dev.scn.run.JunitXml.Suite> junitSuites = new ArrayList<>();

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    /** The progress line of the runs, or null; its prefix names the scenario ("3/40 name"). */
    private ProgressLine progress;
    private String progressPrefix;

    @Spec
    CommandSpec spec;

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
        written.add(target.getFileName().toString());
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
        if (merge) {
            return merge(err, out);
        }
        try {
            shard = shardText == null ? null : ShardSpec.parse(shardText);
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
        List<Index.Broken> arguments = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (String name : paths) {
            Path path = SafeFiles.path(name);
            if (path == null) {
                String message = SafeFiles.unrepresentable(name);
                err.println("scn: " + message);
                arguments.add(new Index.Broken(name, message));
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
        List<Index.Broken> broken = new ArrayList<>(shard == null || shard.ownsArguments() ? arguments : List.of());
        ShardRecorder recorder = shard == null ? null : new ShardRecorder(shard, langs, variant, maxEvents,
                shard.ownsArguments() ? arguments : List.of(), ShardRecorder.batchItems(files, arguments, this::shown));
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
            return reportAll(files, langs, broken, worst, recorder, out, err);
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

    /** {@code --merge}: the options that decide the reports' bytes were the shards' to give. */
    private int merge(PrintWriter err, PrintWriter out) {
        for (String option : List.of("--shard", "--lang", "--variant", "--max-events", "--junit")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                err.println("scn: --merge takes no " + option + ": the shards' own options are used (each shard "
                        + "wrote its own --junit)");
                return ExitCodes.BAD_INPUT;
            }
        }
        return new ShardMerge(paths, output, force, out, err).run();
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
                + (shard == null ? "the index not updated" : "no shard manifest written"));
        return ExitCodes.BAD_INPUT;
    }

    /** With the output folder locked: sweeps what killed runs left, writes the reports and the index. */
    private int reportAll(List<Path> files, List<Lang> langs, List<Index.Broken> broken, int worst,
                          ShardRecorder recorder, PrintWriter out, PrintWriter err) {
        SafeFiles.sweepLeftovers(output);
        if (recorder != null) {
            // The old manifest goes first: a shard killed midway leaves none, and --merge refuses to go on.
            String problem = recorder.removeOldManifest(output, force);
            if (problem != null) {
                err.println("scn: " + problem);
                return ExitCodes.BAD_INPUT;
            }
        }
        ReportRenderer renderer = new ReportRenderer();
        List<Index.Entry> entries = new ArrayList<>();
        Set<String> stems = new HashSet<>(ReportNames.RESERVED_STEMS);
        PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
        progress = progressOption.open(out, err);
        for (int at = 0; at < files.size(); at++) {
            if (interrupted) {
                return interrupted(entries.size(), err);
            }
            // Another shard's file is loaded quietly, only to give it its name: names depend on the whole batch.
            boolean owned = shard == null || shard.owns(at);
            progressPrefix = (at + 1) + "/" + files.size() + " " + files.get(at).getFileName();
            int entriesBefore = entries.size();
            int brokenBefore = broken.size();
            int writtenBefore = written.size();
            int code = reportOne(files.get(at), owned, renderer, langs, stems, owned ? entries : new ArrayList<>(),
                    owned ? broken : new ArrayList<>(), out, owned ? err : quiet);
            if (owned) {
                worst = Math.max(worst, code);
                if (recorder != null) {
                    recorder.add(at, entries.subList(entriesBefore, entries.size()),
                            broken.subList(brokenBefore, broken.size()), written.subList(writtenBefore, written.size()));
                }
            }
        }
        if (interrupted) {
            return interrupted(entries.size(), err);
        }
        Path summary = recorder == null ? output.resolve("index.html") : output.resolve(shard.manifestName());
        try {
            write(summary, recorder == null ? renderer.index(new Index(entries, broken), langs)
                    : recorder.manifest(worst).toJson());
            if (junit != null) {
                SafeFiles.write(junit, dev.scn.run.JunitXml.write("scn report", junitSuites, broken.stream()
                        .map(b -> new dev.scn.run.JunitXml.Broken(b.file(), b.error())).toList()));
            }
        } catch (IOException e) {
            err.println("scn: cannot write the " + (shard == null ? "index" : "shard manifest") + " or --junit: "
                    + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println(summary + ": " + (shard == null ? "" : "shard " + shard + ": ") + entries.size() + " report(s), "
                + broken.size() + " file(s) could not be used");
        return worst;
    }

    private int reportOne(Path file, boolean owned, ReportRenderer renderer, List<Lang> langs, Set<String> stems,
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
        String stem = ReportNames.stem(file, stems);
        if (!owned) {
            return ExitCodes.OK;
        }
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
                    ScenarioRunner.RunOptions.forReport(loaded.scenario(), maxEvents).withFastWay(!detailed));
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
            ReportBuilder.Built built = ReportBuilder.build(loaded.scenario(), shown, ReportNames.sha256(source), stem, runs);
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
}
