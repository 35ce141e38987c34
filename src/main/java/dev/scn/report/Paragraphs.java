package dev.scn.report;

import java.util.ArrayList;
import java.util.List;

/** Collects the narrative as paragraphs: a heading sentence and its numbered steps. */
final class Paragraphs {
    private final List<Report.Paragraph> done = new ArrayList<>();
    private Report.Phrase heading;
    private String variant;
    private String headingVariant;
    private List<Report.Phrase> steps = new ArrayList<>();

    /** Starts a new paragraph (about the variant set by {@link #variant}, if any). */
    void heading(String key, Object... args) {
        flush();
        heading = phrase(key, args);
        headingVariant = variant;
    }

    /** The paragraphs that follow tell a variant's run (null: the base run). */
    void variant(String name) {
        this.variant = name;
    }

    /** Adds a numbered step to the current paragraph. */
    void step(String key, Object... args) {
        steps.add(phrase(key, args));
    }

    List<Report.Paragraph> paragraphs() {
        flush();
        return List.copyOf(done);
    }

    private void flush() {
        if (heading != null) {
            done.add(new Report.Paragraph(headingVariant, heading, List.copyOf(steps)));
        }
        heading = null;
        steps = new ArrayList<>();
    }

    static Report.Phrase phrase(String key, Object... args) {
        List<String> strings = new ArrayList<>();
        for (Object a : args) {
            strings.add(String.valueOf(a));
        }
        return new Report.Phrase(key, List.copyOf(strings));
    }
}
