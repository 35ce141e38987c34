package dev.scn.cli;

import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's scenarios/ as the tests see it. Most scenarios run in a second or two and
 * every test runs them whole; a long one (the five-day benchmark, 21.6 million connections) would
 * make {@code mvn verify} take twenty minutes, so the tests that run or report the folder take
 * the {@link #quick} ones, and {@link LongScenariosTest} covers each {@link #lengthy}
 * one in a bounded way: checked whole, run up to {@link #LENGTHY_PREFIX_MICROS} only.
 *
 * <p>Which is which follows from the file, not from a list of names: the connections its
 * traffic blocks open (rate x the part of their window inside the run), against
 * {@value #QUICK_CONNECTIONS}.
 */
public final class ScenarioFolder {
    /** A scenario opening more connections than this is lengthy. */
    public static final long QUICK_CONNECTIONS = 100_000;

    /** How much of a lengthy scenario the tests run: its first ten simulated minutes. */
    public static final long LENGTHY_PREFIX_MICROS = 600_000_000L;

    public static final Path DIR = Path.of("scenarios");

    private ScenarioFolder() {
    }

    /** Every .scn file of scenarios/, sorted. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files the tests run and report whole. */
    public static List<Path> quick() {
        return all().stream().filter(p -> connections(p) <= QUICK_CONNECTIONS).toList();
    }

    /** The files run only up to {@link #LENGTHY_PREFIX_MICROS} by the tests. */
    public static List<Path> lengthy() {
        return all().stream().filter(p -> connections(p) > QUICK_CONNECTIONS).toList();
    }

    /** A copy of the quick files in {@code dir}, for the tests that report a whole folder. */
    public static Path quickCopy(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Path p : quick()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connections the scenario's traffic blocks open on average, over the base run. */
    static long connections(Path file) {
        Scenario scenario = ScenarioParser.parse(file).scenarios().get(0);
        double total = 0;
        for (TrafficDecl t : scenario.traffic()) {
            long until = Math.min(t.untilMicros(), scenario.runMicros());
            total += t.ratePerSecond() * Math.max(0, until - t.fromMicros()) / 1e6;
        }
        return Math.round(total);
    }
}
