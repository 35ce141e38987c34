package dev.scn.model;

/** One timed line of the timeline: when, and what. */
public record TimelineEntry(Timing timing, Action action, Span span) {
}
