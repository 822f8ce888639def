package io.acmectl.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, strict reader of Prometheus' text exposition format (0.0.4), as node_exporter's textfile
 * collector reads it, stricter where a file of ours should be: every line is a HELP, a TYPE or a
 * sample; every metric has one TYPE before its first sample and its samples in one group; no series
 * twice; no blank line; a final line feed. Throws {@link IllegalArgumentException} naming the line.
 */
public final class PromText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? ("
            + VALUE + ")(?: -?\\d+)?");

    private PromText() {}

    /** Each sample's series ({@code name{label="value"}} as written) and value. */
    public static Map<String, Double> parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the file does not end with a line feed");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (number == text.split("\n", -1).length && line.isEmpty()) {
                break; // after the final line feed
            }
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            String metric;
            if (help.matches()) {
                metric = help.group(1);
                require(helped.add(metric) && !finished.contains(metric), number, "a second HELP for " + metric);
            } else if (type.matches()) {
                metric = type.group(1);
                require(typed.add(metric), number, "a second TYPE for " + metric);
                require(!samples.keySet().stream().anyMatch(s -> s.equals(type.group(1))
                        || s.startsWith(type.group(1) + "{")), number, "TYPE after a sample of " + metric);
            } else if (sample.matches()) {
                metric = sample.group(1);
                require(typed.contains(metric), number, "a sample of " + metric + " without a TYPE");
                String series = metric + (sample.group(2) == null ? "" : sample.group(2));
                require(samples.put(series, Double.valueOf(sample.group(3).replace("Inf", "Infinity"))) == null,
                        number, "the series " + series + " twice");
            } else {
                throw new IllegalArgumentException("line " + number + " is no HELP, TYPE or sample: " + line);
            }
            if (!metric.equals(current)) {
                require(current == null || finished.add(current), number, "");
                require(!finished.contains(metric), number, "the lines of " + metric + " are not in one group");
                current = metric;
            }
        }
        return samples;
    }

    private static void require(boolean holds, int line, String what) {
        if (!holds) {
            throw new IllegalArgumentException("line " + line + ": " + what);
        }
    }
}
