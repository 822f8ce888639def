package io.acmectl.cli;

import io.acmectl.core.Failure;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output formats by name, the one place a printer is chosen: a new format is a new {@link
 * Printer} and one entry here.
 */
final class Printers {
    static final String DEFAULT = "text";

    @FunctionalInterface
    interface Factory {
        Printer create(PrintWriter out, PrintWriter err, Printer.Settings settings);
    }

    /** Lambdas, not constructor references: a run in text loads no class of the JSON printer (nor Jackson's tree). */
    private static final Map<String, Factory> FORMATS = new TreeMap<>(Map.of(
            "text", (out, err, settings) -> new TextPrinter(out, err, settings),
            "json", (out, err, settings) -> new JsonPrinter(out, err, settings)));

    private Printers() {}

    /** Null when the format is known, else why not. */
    static String refusal(String format) {
        return FORMATS.containsKey(format) ? null
                : "--format " + format + ": not a format; known: " + String.join(", ", FORMATS.keySet());
    }

    static Printer create(String format, PrintWriter out, PrintWriter err, Printer.Settings settings) {
        Factory factory = FORMATS.get(format);
        if (factory == null) {
            throw new Failure.BadInput(refusal(format));
        }
        return factory.create(out, err, settings);
    }
}
