package dev.scn.drill.script;

/**
 * A {@code --name=value} line such as {@code --tolerance_usecs=75000} or {@code --non_fatal=syscall}.
 *
 * @param name  the name without the leading dashes ({@code tolerance_usecs})
 * @param value the text after {@code =}, or null for a bare {@code --name}
 * @param line  1-based line in the script
 */
public record ScriptOption(String name, String value, int line) {
}
