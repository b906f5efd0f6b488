package dev.bramble.runtime.host;

/** One host fact as shown by {@code bramble check}: a short name, its value, and where the value came from. */
public record FactLine(String name, String value, String source) {}
