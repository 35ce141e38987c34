package dev.scn.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The scripts named on the command line: files as given, folders searched for {@code *.pkt}. */
public final class DrillBatch {
    private DrillBatch() {
    }

    /** Every script, in a stable order (folders sorted by path), each file once. */
    public static List<Path> collect(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".pkt") && Files.isRegularFile(p))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(argument);
            }
        }
        return out.stream().distinct().toList();
    }

    /** The summary line: {@code 408 scripts: 351 passed, 57 failed (86.0 % pass)}. */
    public static String summary(List<DrillVerdict> verdicts) {
        long passed = verdicts.stream().filter(DrillVerdict::passed).count();
        long unreadable = verdicts.stream().filter(DrillVerdict::badInput).count();
        long failed = verdicts.size() - passed - unreadable;
        double percent = verdicts.isEmpty() ? 0 : 100.0 * passed / verdicts.size();
        return String.format(java.util.Locale.ROOT, "%d scripts: %d passed, %d failed%s (%.1f %% pass)",
                verdicts.size(), passed, failed, unreadable == 0 ? "" : ", " + unreadable + " unreadable", percent);
    }
}
