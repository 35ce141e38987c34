package dev.scn.report;

import java.util.List;
import java.util.Locale;

/** The languages a report is written in: bundle suffix and the HTML {@code lang} attribute. */
public enum Lang {
    ZH("zh", "zh-CN"),
    EN("en", "en");

    private final String code;
    private final String htmlLang;

    Lang(String code, String htmlLang) {
        this.code = code;
        this.htmlLang = htmlLang;
    }

    public String code() {
        return code;
    }

    public String htmlLang() {
        return htmlLang;
    }

    /** {@code zh}, {@code en} or {@code both} (Chinese first) as {@code --lang} takes them. */
    public static List<Lang> parseSelection(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "zh" -> List.of(ZH);
            case "en" -> List.of(EN);
            case "both" -> List.of(ZH, EN);
            default -> throw new IllegalArgumentException("--lang takes zh, en or both, not '" + text + "'");
        };
    }
}
