package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.model.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * JUnit XML for CI systems ({@code scn run --junit}, {@code scn report --junit}), in the shape of
 * the schema Jenkins' xUnit plugin validates with (junit-10.xsd, the Ant/Surefire format):
 * {@code <testsuites>}, one {@code <testsuite>} per run (base and each variant), one
 * {@code <testcase>} per expectation. Its name is the expectation line as written, after its
 * {@code file:line}; its classname the scenario, with {@code [variant]} for a variant. A failed
 * expectation is a {@code <failure>} whose message holds file:line:col, the expected and the
 * actual value. A run stopped by a bound, or a file that could not be used, is an
 * {@code <error>}.
 *
 * <p>Every {@code time} is 0: scn does not measure wall time, so that the same input gives the
 * same bytes (the simulated duration is a property of the suite instead). No {@code timestamp}
 * or {@code hostname} either, for the same reason.
 */
public final class JunitXml {
    /** The runs of one scenario file and its lines, to name each expectation as it is written. */
    public record Suite(String file, List<String> sourceLines, List<RunResult> runs) {
    }

    /** A file that could not be used, with the first reason. */
    public record Broken(String file, String message) {
    }

    private final StringBuilder out = new StringBuilder();

    private JunitXml() {
    }

    /** The whole document; {@code name} names the {@code <testsuites>} element. */
    public static String write(String name, List<Suite> suites, List<Broken> broken) {
        List<Case> all = new ArrayList<>();
        List<SuiteXml> built = new ArrayList<>();
        for (Suite suite : suites) {
            for (RunResult run : suite.runs()) {
                SuiteXml s = suite(suite, run);
                built.add(s);
                all.addAll(s.cases());
            }
        }
        for (Broken b : broken) {
            Case c = new Case(b.file(), b.file() + ": the file can be used", null, b.message());
            built.add(new SuiteXml(b.file(), b.file(), List.of(), List.of(c)));
            all.add(c);
        }
        JunitXml xml = new JunitXml();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.out.append("<testsuites name=\"").append(attr(name)).append("\"").append(counts(all))
                .append(" time=\"0\">\n");
        built.forEach(xml::suite);
        xml.out.append("</testsuites>\n");
        return xml.out.toString();
    }

    /** One test case: a failure message, an error message, or neither (it held). */
    private record Case(String classname, String name, String failure, String error) {
    }

    private record SuiteXml(String name, String file, List<String[]> properties, List<Case> cases) {
    }

    private static SuiteXml suite(Suite suite, RunResult run) {
        boolean base = ScenarioRunner.BASE.equals(run.variant());
        String classname = base ? run.scenario() : run.scenario() + " [" + run.variant() + "]";
        List<Case> cases = new ArrayList<>();
        for (ExpectationResult e : run.expectations()) {
            Span at = e.span();
            String name = at.file() + ":" + at.line() + ": " + asWritten(suite.sourceLines(), e);
            cases.add(new Case(classname, name, e.held() ? null : failure(e), null));
        }
        if (run.outcome() != RunResult.Outcome.COMPLETED) {
            cases.add(new Case(classname, suite.file() + ": the run completes", null, "stopped at "
                    + SimTime.human(run.endMicros()) + " after " + run.eventsProcessed() + " events: " + switch (run.outcome()) {
                        case EVENT_BUDGET_EXHAUSTED -> "the event budget ran out (raise it with --max-events)";
                        case MEMORY_BOUND -> "the Java heap was nearly full";
                        default -> "the run was stopped";
                    }));
        }
        List<String[]> properties = List.of(new String[] {"variant", run.variant()},
                new String[] {"seed", Long.toString(run.seed())},
                new String[] {"simulated", SimTime.human(run.endMicros())},
                new String[] {"events", Long.toString(run.eventsProcessed())});
        return new SuiteXml(classname, suite.file(), properties, cases);
    }

    /** file:line:col, the expectation and both values: what a CI page shows first. */
    private static String failure(ExpectationResult e) {
        Span at = e.span();
        return at.file() + ":" + at.line() + ":" + at.column() + ": " + e.mode() + " " + SimTime.human(e.timeMicros())
                + " " + e.subject() + ": expected " + e.op() + " " + e.expected() + ", actual " + e.actual();
    }

    /**
     * The source line of the expectation, trimmed, without its comment and with runs of blanks
     * made one space; when the line is not
     * at hand, the expectation as the result tells it.
     */
    static String asWritten(List<String> lines, ExpectationResult e) {
        int line = e.span().line();
        if (lines != null && line >= 1 && line <= lines.size()) {
            // Runs of blanks (the alignment of a timeline) become one space: CI pages collapse them anyway.
            String text = withoutComment(lines.get(line - 1)).strip().replaceAll("[ \t]+", " ");
            if (!text.isEmpty()) {
                return text;
            }
        }
        return e.mode() + " " + SimTime.human(e.timeMicros()) + " expect " + e.subject() + " " + e.op() + " "
                + e.expected();
    }

    /** The line up to a {@code #} that is outside a "text". */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private void suite(SuiteXml s) {
        out.append("  <testsuite name=\"").append(attr(s.name())).append("\"").append(counts(s.cases()))
                .append(" skipped=\"0\" time=\"0\" file=\"").append(attr(s.file())).append("\">\n");
        if (!s.properties().isEmpty()) {
            out.append("    <properties>\n");
            for (String[] p : s.properties()) {
                out.append("      <property name=\"").append(attr(p[0])).append("\" value=\"").append(attr(p[1]))
                        .append("\"/>\n");
            }
            out.append("    </properties>\n");
        }
        for (Case c : s.cases()) {
            out.append("    <testcase classname=\"").append(attr(c.classname())).append("\" name=\"")
                    .append(attr(c.name())).append("\" time=\"0\"");
            if (c.failure() != null) {
                out.append(">\n      <failure type=\"expectation\" message=\"").append(attr(c.failure())).append("\">")
                        .append(text(c.failure())).append("</failure>\n    </testcase>\n");
            } else if (c.error() != null) {
                out.append(">\n      <error type=\"error\" message=\"").append(attr(c.error())).append("\">")
                        .append(text(c.error())).append("</error>\n    </testcase>\n");
            } else {
                out.append("/>\n");
            }
        }
        out.append("  </testsuite>\n");
    }

    private static String counts(List<Case> cases) {
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        long errors = cases.stream().filter(c -> c.error() != null).count();
        return " tests=\"" + cases.size() + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
    }

    /** Character data: markup characters escaped, characters XML 1.0 cannot hold replaced by U+FFFD. */
    static String text(String s) {
        return escape(s, false);
    }

    /** An attribute value in double quotes: also quotes, and tabs and line ends kept as references. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                default -> {
                    // XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
                    boolean legal = cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000;
                    b.appendCodePoint(legal ? cp : 0xFFFD);
                }
            }
        }
        return b.toString();
    }
}
