package dev.scn.model;

/** A text in English and Chinese; either may be null (the report marks it untranslated). */
public record Texts(String en, String zh) {
    public static final Texts EMPTY = new Texts(null, null);

    public boolean isEmpty() {
        return en == null && zh == null;
    }
}
