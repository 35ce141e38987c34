package dev.scn.report;

import dev.scn.model.Texts;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The view model of {@code index.html}: one entry per scenario written, one per file that could
 * not be used.
 */
public record Index(List<Entry> entries, List<Broken> broken) {

    /**
     * A scenario and where its report is.
     *
     * @param file the scenario file's path relative to the report folder, with forward slashes
     * @param href the report's file name as a URL path segment ({@link #href(String)})
     */
    public record Entry(String file, String name, Texts title, String href, List<Report.Run> runs) {
    }

    /**
     * A file name as a relative URL: every byte of its UTF-8 form percent-encoded except what
     * RFC 3986 allows in a path segment (unreserved, sub-delims, "@"). ":" is encoded too, so that
     * {@code a:b.html} is not read as a URL with scheme "a" (RFC 3986 section 4.2).
     */
    public static String href(String fileName) {
        StringBuilder out = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~".indexOf(c) >= 0;
            if (unreserved || "!$&'()*+,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A file that could not be used, with its first error as the diagnostics print it. */
    public record Broken(String file, String error) {
    }
}
