package dev.scn.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text of a PDF page by page, as poppler's {@code pdftotext -bbox-layout} places it: each line
 * with its top and bottom (points from the top of the page), lines in reading order (top to
 * bottom, then left to right).
 */
record PdfPages(List<Page> pages) {

    record Line(double top, double left, double bottom, String text) {
    }

    record Page(double width, double height, List<Line> lines) {
        /** How far down the page its text reaches, as a fraction of the page's height. */
        double filled() {
            return lines.stream().mapToDouble(Line::bottom).max().orElse(0) / height;
        }

        /** The page's text, line after line. */
        String text() {
            return String.join("\n", lines.stream().map(Line::text).toList()).strip();
        }
    }

    /** Opens every h2/h3 in a page printed with {@code #printmarks} (the page's own script). */
    static final String HEADING = "[[h ";
    /** Opens the element that follows each h2/h3 (its first cell, for a table) in such a page. */
    static final String CONTENT = "h]]";

    /**
     * Where headings fell badly in a page printed with {@code #printmarks}; on each page but the
     * last:
     * <ul>
     * <li>an orphaned heading: a heading opens on the page but what follows it does not (the
     * page's last {@link #HEADING} comes after its last {@link #CONTENT});</li>
     * <li>a page more than half blank because of a heading: its text reaches less than half way
     * down while the next page begins with a heading, i.e. the heading, pushed over by "keep with
     * next" and a block that must not break, left the hole.</li>
     * </ul>
     * A page left half empty before a block that needs a whole page (the sequence diagram) passes,
     * as the next page begins with that block, not a heading; so does the last page of one
     * language's half of the report, as the next begins with the title (an h1, not marked).
     */
    List<String> headingProblems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 1 < pages.size(); i++) {
            String text = pages.get(i).text();
            String next = pages.get(i + 1).text();
            int heading = text.lastIndexOf(HEADING);
            if (heading >= 0 && heading > text.lastIndexOf(CONTENT)) {
                problems.add("page " + (i + 1) + " ends with a heading whose text is on the next page: "
                        + firstLine(text.substring(heading)));
            }
            if (pages.get(i).filled() < 0.5 && next.startsWith(HEADING)) {
                problems.add("page " + (i + 1) + " is filled to " + Math.round(pages.get(i).filled() * 100)
                        + "% and page " + (i + 2) + " begins with the heading " + firstLine(next));
            }
        }
        return problems;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    private static final Pattern PAGE = Pattern.compile("<page width=\"([\\d.]+)\" height=\"([\\d.]+)\">(.*?)</page>",
            Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile(
            "<line xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"([\\d.]+)\">(.*?)</line>", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("<word[^>]*>(.*?)</word>", Pattern.DOTALL);

    static PdfPages read(Path pdftotext, Path pdf) throws Exception {
        Path out = Files.createTempFile("scn-pdf-", ".html");
        Path stdout = Files.createTempFile("scn-pdf-", ".out");
        Path stderr = Files.createTempFile("scn-pdf-", ".err");
        try {
            HeadlessChromium.Run run = HeadlessChromium.run(
                    List.of(pdftotext.toString(), "-bbox-layout", pdf.toString(), out.toString()), stdout, stderr);
            String xhtml = Files.readString(out);
            assertTrue(xhtml.contains("<page"), "pdftotext read " + pdf + ": " + run.log());
            return parse(xhtml);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    static PdfPages parse(String xhtml) {
        List<Page> pages = new ArrayList<>();
        Matcher page = PAGE.matcher(xhtml);
        while (page.find()) {
            List<Line> lines = new ArrayList<>();
            Matcher line = LINE.matcher(page.group(3));
            while (line.find()) {
                List<String> words = new ArrayList<>();
                Matcher word = WORD.matcher(line.group(4));
                while (word.find()) {
                    words.add(unescape(word.group(1)));
                }
                lines.add(new Line(Double.parseDouble(line.group(2)), Double.parseDouble(line.group(1)),
                        Double.parseDouble(line.group(3)), String.join(" ", words)));
            }
            lines.sort(Comparator.comparingDouble(Line::top).thenComparingDouble(Line::left));
            pages.add(new Page(Double.parseDouble(page.group(1)), Double.parseDouble(page.group(2)), List.copyOf(lines)));
        }
        return new PdfPages(List.copyOf(pages));
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }
}
