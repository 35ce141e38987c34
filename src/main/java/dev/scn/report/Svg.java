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

    private Svg() {
    }

    /**
     * An SVG that scales to its container's width (viewBox, width 100%, height from the aspect
     * ratio), never wider than {@code maxWidthPx} CSS pixels.
     */
    static Svg fluid(int width, int height, int maxWidthPx, String cssClass, String label) {
        Svg svg = new Svg();
        svg.out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(escape(cssClass))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" style=\"max-width:").append(maxWidthPx)
                .append("px\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
        svg.out.append("<title>").append(escape(label)).append("</title>");
        return svg;
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

    /** A coordinate with at most one decimal (a tenth of a unit is finer than any screen shows). */
    static String n1(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths < 0 && tenths > -10 ? "-" : "")
                + (tenths / 10) + "." + Math.abs(tenths % 10);
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

    /**
     * Text in a colour of its own ({@code color} null for the class's), squeezed to
     * {@code textLength} units when that is positive (a long variant name in a narrow chart).
     * The colour goes in a style attribute, which the page's {@code svg text} rule does not override.
     */
    Svg text(double x, double y, String anchor, String cssClass, String color, double textLength, String text) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(escape(anchor)).append("\" class=\"").append(escape(cssClass)).append('"');
        if (color != null) {
            out.append(" style=\"fill:").append(escape(color)).append('"');
        }
        if (textLength > 0) {
            out.append(" textLength=\"").append(n(textLength)).append("\" lengthAdjust=\"spacingAndGlyphs\"");
        }
        out.append('>').append(escape(text)).append("</text>");
        return this;
    }

    /** A line in a colour, dashed when {@code dash} is not empty. */
    Svg line(double x1, double y1, double x2, double y2, String color, String dash) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(escape(color)).append('"');
        if (!dash.isEmpty()) {
            out.append(" stroke-dasharray=\"").append(escape(dash)).append('"');
        }
        out.append("/>");
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
