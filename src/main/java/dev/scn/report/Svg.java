package dev.scn.report;

import java.util.Locale;

/**
 * A tiny SVG writer: every attribute value and every text is escaped here, so no string a user
 * wrote (a host name, a variant name) can end an attribute or open an element.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String cssClass, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(escape(cssClass))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
        out.append("<title>").append(escape(label)).append("</title>");
    }

    /** Escapes text and attribute values alike: &amp; &lt; &gt; &quot; &#39;. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number as SVG wants it: at most two decimals, no locale. */
    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(escape(cssClass)).append("\"/>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String cssClass) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" class=\"").append(escape(cssClass)).append("\"/>");
        return this;
    }

    Svg filledRect(double x, double y, double w, double h, String color) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(escape(color)).append("\"/>");
        return this;
    }

    /** A polyline; {@code dash} empty for a solid line. */
    Svg polyline(CharSequence points, String color, String dash, double strokeWidth) {
        out.append("<polyline fill=\"none\" stroke=\"").append(escape(color)).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append('"');
        if (!dash.isEmpty()) {
            out.append(" stroke-dasharray=\"").append(escape(dash)).append('"');
        }
        out.append(" points=\"").append(escape(points.toString())).append("\"/>");
        return this;
    }

    Svg path(String d, String cssClass) {
        out.append("<path d=\"").append(escape(d)).append("\" class=\"").append(escape(cssClass)).append("\"/>");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String anchor, String cssClass, String text) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(escape(anchor)).append("\" class=\"").append(escape(cssClass)).append("\">")
                .append(escape(text)).append("</text>");
        return this;
    }

    Svg rotatedText(double x, double y, String cssClass, String text) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\" class=\"")
                .append(escape(cssClass)).append("\">").append(escape(text)).append("</text>");
        return this;
    }

    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    String end() {
        return out.append("</svg>").toString();
    }
}
