package dev.scn.report;

import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** The seed scenario's report, built once for the report tests (a run takes about a second). */
final class SeedReport {
    static final Path FILE = Path.of("scenarios/finwait2-ipfw-keepalive.scn");
    private static ReportBuilder.Built built;

    private SeedReport() {
    }

    static synchronized ReportBuilder.Built built() {
        if (built == null) {
            built = build(FILE);
        }
        return built;
    }

    static ReportBuilder.Built build(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Scenario scenario = ScenarioParser.parse(new String(bytes, StandardCharsets.UTF_8), file.toString())
                    .scenarios().get(0);
            ScenarioRunner runner = new ScenarioRunner(scenario,
                    ScenarioRunner.RunOptions.forReport(scenario, ScenarioRunner.DEFAULT_MAX_EVENTS));
            List<RunResult> runs = runner.runAll(runner.variantNames());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            String name = file.getFileName().toString().replace(".scn", "");
            return ReportBuilder.build(scenario, file.toString(), sha, name, runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String html(List<Lang> langs) {
        return new ReportRenderer().report(built().report(), langs);
    }
}
