package dev.scn.engine.net;

/** Which way a packet crosses a host's firewall or interface. */
public enum Direction {
    IN("in"),
    OUT("out");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    /** As ipfw's {@code in}/{@code out} options spell it. */
    public String word() {
        return word;
    }
}
