package dev.scn.run;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the result schema: objects keep insertion order, strings are escaped
 * per RFC 8259, numbers print without exponent. Deterministic by construction.
 */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    static String write(Object value) {
        Json json = new Json();
        json.value(value);
        json.out.append('\n');
        return json.out.toString();
    }

    @SuppressWarnings("unchecked")
    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double d) {
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d));
        } else if (value instanceof Number n) {
            out.append(n.longValue());
        } else if (value instanceof Map<?, ?> map) {
            object((Map<String, Object>) map);
        } else if (value instanceof List<?> list) {
            array(list);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void object(Map<String, Object> map) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        depth++;
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent();
            string(e.getKey());
            out.append(": ");
            value(e.getValue());
        }
        depth--;
        out.append('\n');
        indent();
        out.append('}');
    }

    private void array(List<?> list) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        depth++;
        boolean first = true;
        for (Object item : list) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent();
            value(item);
        }
        depth--;
        out.append('\n');
        indent();
        out.append(']');
    }

    private void indent() {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        appendString(out, s);
    }

    /** Appends the string as a JSON string literal (RFC 8259 escapes); shard manifests use it too. */
    public static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
