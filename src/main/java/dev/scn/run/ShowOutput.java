package dev.scn.run;

/** The text a {@code show} line printed, at its instant. */
public record ShowOutput(long timeMicros, String host, String command, String text) {
}
