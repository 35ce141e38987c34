package dev.scn.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One language's message bundle ({@code i18n/PART_LANG.properties}), read as UTF-8 and without locale
 * fallback: a key missing here is an error, never the English text or the key itself.
 * Placeholders are {@code {0}}, {@code {1}}, ...; arguments are inserted as given (callers
 * format numbers), so no locale-dependent formatting and no MessageFormat quoting rules.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private final Lang lang;
    private final Map<String, String> texts;

    private Messages(Lang lang, Map<String, String> texts) {
        this.lang = lang;
        this.texts = texts;
    }

    /**
     * The files of one language's bundle: page texts, the narrative and sequence diagram, and the
     * charts. One key may be in one file only.
     */
    static final List<String> PARTS = List.of("messages", "story", "charts");

    /** Loads the bundle of a language from the class path (all of its {@link #PARTS}). */
    public static Messages load(Lang lang) {
        Map<String, String> texts = new TreeMap<>();
        for (String part : PARTS) {
            String resource = "i18n/" + part + "_" + lang.code() + ".properties";
            try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("message bundle " + resource + " is missing from the class path");
                }
                Messages one = read(lang, new InputStreamReader(in, StandardCharsets.UTF_8));
                for (var e : one.texts.entrySet()) {
                    if (texts.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalStateException("key " + e.getKey() + " is in two files of the "
                                + lang.code() + " bundle");
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return new Messages(lang, Collections.unmodifiableMap(texts));
    }

    static Messages read(Lang lang, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> texts = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            texts.put(key, properties.getProperty(key));
        }
        return new Messages(lang, Collections.unmodifiableMap(texts));
    }

    public Lang lang() {
        return lang;
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    /** The raw text of a key, placeholders unfilled. */
    public String raw(String key) {
        String text = texts.get(key);
        if (text == null || text.isBlank()) {
            throw new MissingMessageException(lang, key);
        }
        return text;
    }

    /** The text of a key with {@code {n}} replaced by {@code args[n]}. */
    public String text(String key, List<?> args) {
        String pattern = raw(key);
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            if (index >= args.size()) {
                throw new IllegalArgumentException("message " + key + " (" + lang.code() + ") uses {" + index
                        + "} but was given " + args.size() + " argument(s)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(args.get(index))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String text(String key, Object... args) {
        return text(key, List.of(args));
    }

    /** The placeholder numbers a message uses, for the bundle consistency test. */
    public Set<Integer> placeholders(String key) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(raw(key));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    /** A key the report needs is absent or empty in a bundle. */
    public static final class MissingMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingMessageException(Lang lang, String key) {
            super("message key '" + key + "' is missing or empty in the " + lang.code() + " bundle (i18n/*_" + lang.code() + ".properties)");
        }
    }
}
