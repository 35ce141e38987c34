package dev.scn.report;

import dev.scn.model.Texts;
import freemarker.core.HTMLOutputFormat;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders reports and the index with the Freemarker templates of {@code templates/} (HTML output
 * format, auto-escaping) and the message bundles. Output depends on nothing but the input: fixed
 * locale and time zone, no clock.
 */
public final class ReportRenderer {
    private final Configuration config;
    private final Map<Lang, Messages> bundles = new LinkedHashMap<>();

    public ReportRenderer() {
        config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassLoaderForTemplateLoading(ReportRenderer.class.getClassLoader(), "templates");
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setOutputFormat(HTMLOutputFormat.INSTANCE);
        config.setRecognizeStandardFileExtensions(true);
        config.setLocale(Locale.ROOT);
        config.setTimeZone(TimeZone.getTimeZone("UTC"));
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        // the view model is records: templates read r.name rather than r.name() (needs Freemarker's
        // Java 16 classes: the shaded jar is Multi-Release, see pom.xml)
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        config.setObjectWrapper(wrapper.build());
        for (Lang lang : Lang.values()) {
            bundles.put(lang, Messages.load(lang));
        }
    }

    /** What the templates see for one language: its messages and the SVGs drawn in it. */
    public record LangView(String code, String htmlLang, TemplateMethodModelEx msg, TemplateMethodModelEx pick,
                           TemplateMethodModelEx untranslated, List<TemplateHTMLOutputModel> charts,
                           List<TemplateHTMLOutputModel> overlays, List<TemplateHTMLOutputModel> sequences) {
    }

    public String report(Report report, List<Lang> langs) {
        List<LangView> views = new ArrayList<>();
        for (Lang lang : langs) {
            Messages m = bundles.get(lang);
            views.add(new LangView(lang.code(), lang.htmlLang(), msg(m), pick(lang, false), pick(lang, true),
                    report.charts().stream().map(c -> markup(ChartSvg.render(c, m))).toList(),
                    report.overlays().stream().map(c -> markup(ChartSvg.render(c, m))).toList(),
                    report.sequences().stream().map(d -> markup(SequenceSvg.render(d.diagram(), m))).toList()));
        }
        List<String> titles = langs.stream().map(l -> pickText(l, report.title())).toList();
        return render("report.ftlh", Map.of("r", report, "langs", views, "multi", langs.size() > 1,
                "pageLang", langs.get(0).htmlLang(), "pageTitle", pageTitle(titles, report.name())));
    }

    public String index(Index index, List<Lang> langs) {
        List<LangView> views = new ArrayList<>();
        for (Lang lang : langs) {
            views.add(new LangView(lang.code(), lang.htmlLang(), msg(bundles.get(lang)), pick(lang, false),
                    pick(lang, true), List.of(), List.of(), List.of()));
        }
        List<String> titles = langs.stream().map(l -> bundles.get(l).text("index.title")).toList();
        return render("index.ftlh", Map.of("idx", index, "langs", views, "multi", langs.size() > 1,
                "pageLang", langs.get(0).htmlLang(), "pageTitle", pageTitle(titles, "scn")));
    }

    /**
     * The page's {@code <title>}: the human title in each language of the page, each text once
     * ({@code zh — en}), on one line; the fallback (the scenario's id) only when there is no title.
     */
    static String pageTitle(List<String> perLanguage, String fallback) {
        List<String> distinct = perLanguage.stream().filter(t -> t != null && !t.isBlank())
                .map(t -> t.strip().replaceAll("\\s+", " ")).distinct().toList();
        return distinct.isEmpty() ? fallback : String.join(" — ", distinct);
    }

    /** Renders any template of the report set with a data model; tests use it for error cases. */
    String render(String template, Map<String, Object> model) {
        try {
            Template t = config.getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Messages.MissingMessageException missing) {
                throw missing;
            }
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A method for templates that renders a bundle message in the given language; throws when the key is missing. */
    static TemplateMethodModelEx msg(Messages m) {
        return args -> {
            if (args.isEmpty()) {
                throw new TemplateModelException("msg needs a key");
            }
            List<Object> flat = new ArrayList<>();
            for (Object a : args) {
                flatten(DeepUnwrap.unwrap((TemplateModel) a), flat);
            }
            String key = String.valueOf(flat.remove(0));
            List<String> strings = new ArrayList<>();
            for (Object o : flat) {
                strings.add(o instanceof Double || o instanceof Float ? Format.number(((Number) o).doubleValue())
                        : String.valueOf(o));
            }
            return m.text(key, strings);
        };
    }

    private static void flatten(Object o, List<Object> into) {
        if (o instanceof Collection<?> c) {
            c.forEach(x -> flatten(x, into));
        } else {
            into.add(o);
        }
    }

    /**
     * {@code pick(texts)}: the text in this language, else the other one; {@code untranslated(texts)}:
     * true when this language's text is missing and the other is shown.
     */
    private static TemplateMethodModelEx pick(Lang lang, boolean askUntranslated) {
        return args -> {
            Texts t = (Texts) DeepUnwrap.unwrap((TemplateModel) args.get(0));
            String own = lang == Lang.ZH ? t.zh() : t.en();
            String other = lang == Lang.ZH ? t.en() : t.zh();
            if (askUntranslated) {
                return own == null && other != null;
            }
            return pickText(lang, t);
        };
    }

    /** The text in this language, else the other one, else "". */
    private static String pickText(Lang lang, Texts t) {
        String own = lang == Lang.ZH ? t.zh() : t.en();
        String other = lang == Lang.ZH ? t.en() : t.zh();
        return own != null ? own : other == null ? "" : other;
    }

    private static TemplateHTMLOutputModel markup(String svg) {
        try {
            return HTMLOutputFormat.INSTANCE.fromMarkup(svg);
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }
}
