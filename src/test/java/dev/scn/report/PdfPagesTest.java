package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The print check of BrowserTest on hand-made pdftotext output: what it flags and what it lets pass. */
class PdfPagesTest {

    /** A page of pdftotext -bbox-layout output (842 pt high) with lines at the given tops, 20 pt each. */
    private static String page(Object... topsAndTexts) {
        StringBuilder s = new StringBuilder("<page width=\"594.96\" height=\"841.92\"><flow><block>");
        for (int i = 0; i < topsAndTexts.length; i += 2) {
            double top = ((Number) topsAndTexts[i]).doubleValue();
            s.append("<line xMin=\"36.0\" yMin=\"").append(top).append("\" xMax=\"500.0\" yMax=\"").append(top + 20)
                    .append("\">");
            for (String word : ((String) topsAndTexts[i + 1]).split(" ")) {
                s.append("<word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">").append(word.replace("&", "&amp;"))
                        .append("</word>");
            }
            s.append("</line>");
        }
        return s.append("</block></flow></page>\n").toString();
    }

    private static List<String> problems(String... pages) {
        return PdfPages.parse("<doc>" + String.join("", pages) + "</doc>").headingProblems();
    }

    @Test
    @DisplayName("lines are read in page order, top to bottom, whatever order pdftotext wrote them in")
    void linesInReadingOrder() {
        PdfPages pdf = PdfPages.parse(page(300, "second", 100, "first", 700, "last & least"));
        assertEquals("first\nsecond\nlast & least", pdf.pages().get(0).text());
        assertEquals(720 / 841.92, pdf.pages().get(0).filled(), 1e-9);
    }

    @Test
    @DisplayName("a heading at the bottom of a page with its text on the next page is an orphan")
    void orphanedHeading() {
        List<String> found = problems(page(40, "text", 780, "[[h Snapshots"), page(40, "h]] netstat output"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("page 1 ends with a heading") && found.get(0).contains("Snapshots"), found.get(0));
    }

    @Test
    @DisplayName("a heading with the start of its text on the same page passes, even an empty box's marker")
    void headingWithItsText() {
        assertEquals(List.of(), problems(page(40, "text", 740, "[[h Snapshots", 770, "h]]"), page(40, "more text")));
    }

    @Test
    @DisplayName("a page less than half full before a page that starts with a heading is flagged")
    void halfBlankBeforeAHeading() {
        List<String> found = problems(page(40, "text", 300, "more"), page(40, "[[h Charts", 70, "h]] intro"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("filled to 38%") && found.get(0).contains("[[h Charts"), found.get(0));
    }

    @Test
    @DisplayName("half blank before a diagram or a new title, and the last page, pass")
    void allowedGaps() {
        assertEquals(List.of(), problems(
                page(40, "[[h Sequence diagram", 70, "h]] intro"),
                page(40, "time client path", 800, "2d"),
                page(40, "glossary"),
                page(40, "Title of the English half", 80, "[[h What happened", 110, "h]] text", 780, "text"),
                page(40, "[[h Last")));
    }
}
