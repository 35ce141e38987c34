import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A/B of two or more builds of scn in one JVM: each jar in a class loader of its own, the runs of
 * one scenario alternated jar by jar (in turn, then in reverse turn), each timed by the event
 * loop's CPU time (ScenarioRunner.lastLoopCpuNanos). Alternating within seconds means a slow
 * phase of the machine (bench/README.md, session 7) falls on every jar alike, which separate
 * JVMs launched minutes apart do not give.
 *
 * <p>Usage (Java 17 runs the source directly):
 * <pre>java -XX:+UseParallelGC -Xms1g -Xmx1g bench/ab/Ab.java SCENARIO ROUNDS A.jar B.jar [C.jar ...]</pre>
 * Prints, per jar, the median and the lowest loop CPU time over the last half of the rounds
 * (the first half lets the JIT settle). Two copies of the same jar differ by 2 to 3 % this way.
 */
public class Ab {
    private record Build(String jar, Method text, Method scenario, Constructor<?> runner, Object options,
                         Method run, Method loopCpu, String base) {
    }

    private static Build load(String jar) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> scenarioLoad = loader.loadClass("dev.scn.load.ScenarioLoad");
        Class<?> loaded = loader.loadClass("dev.scn.load.ScenarioLoad$Loaded");
        Class<?> runner = loader.loadClass("dev.scn.run.ScenarioRunner");
        Class<?> runOptions = loader.loadClass("dev.scn.run.ScenarioRunner$RunOptions");
        Method scenario = loaded.getMethod("scenario");
        Object options = runOptions.getConstructor(long.class, boolean.class, String.class)
                .newInstance(2_000_000_000L, false, null);
        if (Boolean.getBoolean("ab.fast")) {
            // -Dab.fast=true: both jars with the fast way (replayed connections), where they have it.
            options = runOptions.getMethod("withFastWay", boolean.class).invoke(options, true);
        }
        return new Build(jar, scenarioLoad.getMethod("text", String.class, String.class), scenario,
                runner.getConstructor(scenario.getReturnType(), runOptions), options,
                runner.getMethod("run", String.class), runner.getMethod("lastLoopCpuNanos"),
                (String) runner.getField("BASE").get(null));
    }

    private static double once(Build b, String source) throws Exception {
        Object parsed = b.text().invoke(null, source, "ab.scn");
        Object runner = b.runner().newInstance(b.scenario().invoke(parsed), b.options());
        b.run().invoke(runner, b.base());
        return ((Number) b.loopCpu().invoke(runner)).longValue() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java Ab.java SCENARIO ROUNDS A.jar B.jar [C.jar ...]");
            System.exit(2);
        }
        String source = Files.readString(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        List<Build> builds = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            builds.add(load(args[i]));
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            List<Build> order = new ArrayList<>(builds);
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (Build b : order) {
                System.gc();
                times.computeIfAbsent(b.jar(), k -> new ArrayList<>()).add(once(b, source));
            }
        }
        System.out.println("java: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            List<Double> settled = new ArrayList<>(e.getValue().subList(rounds / 2, rounds));
            Collections.sort(settled);
            System.out.printf("%-40s median %.4f s  lowest %.4f s  (last %d rounds)%n", e.getKey(),
                    settled.get(settled.size() / 2), settled.get(0), settled.size());
        }
    }
}
