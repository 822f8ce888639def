package io.acmectl.migrate;

import io.acmectl.core.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The INI dialect of Python's ConfigObj, in which certbot writes {@code renewal/NAME.conf}: {@code key =
 * value} lines, {@code [section]} and {@code [[subsection]]} (one level below the last section), comments
 * from {@code #}. A value is a list when it holds a comma outside quotes (certbot writes a one-item list
 * with a trailing comma: {@code webroot_path = /var/www,}); an item may be quoted with {@code '} or
 * {@code "}, which is how ConfigObj writes one holding a comma or a {@code #}, and with three of them
 * when it holds both kinds of quote. A value across several lines is refused: certbot writes none.
 */
final class ConfigObj {
    private ConfigObj() {}

    /** A value as written: its items, and whether it was a list. */
    record Value(List<String> items, boolean isList) {
        Value {
            items = List.copyOf(items);
        }

        /** The single value; a list's items joined by commas, as certbot would read a string. */
        String text() {
            return String.join(",", items);
        }
    }

    /** A section: its values, and the sections below it, in file order. */
    record Section(Map<String, Value> values, Map<String, Section> children) {
        static Section empty() {
            return new Section(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        Optional<String> text(String key) {
            return Optional.ofNullable(values.get(key)).map(Value::text).map(String::strip)
                    .filter(v -> !v.isEmpty() && !v.equals("None"));
        }

        Section child(String name) {
            return children.getOrDefault(name, empty());
        }
    }

    /** {@code source} names the file in errors ({@code FILE:LINE: ...}). */
    static Section parse(String text, String source) {
        Section root = Section.empty();
        Section section = root;
        Section top = root;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = source + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                String name = sectionName(line, where);
                Section created = Section.empty();
                if (line.startsWith("[[")) {
                    top.children().put(name, created);
                } else {
                    root.children().put(name, created);
                    top = created;
                }
                section = created;
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new Failure.BadInput(where + "expected 'key = value' or a [section]");
            }
            String key = unquote(line.substring(0, equals).strip());
            section.values().put(key, value(line.substring(equals + 1).strip(), where));
        }
        return root;
    }

    private static String sectionName(String line, String where) {
        int depth = line.startsWith("[[") ? 2 : 1;
        int comment = line.indexOf('#');
        String bare = (comment > 0 ? line.substring(0, comment) : line).strip();
        String close = "]".repeat(depth);
        if (depth == 2 && line.startsWith("[[[") || !bare.endsWith(close) || bare.length() <= 2 * depth) {
            throw new Failure.BadInput(where + "unreadable section header " + line);
        }
        return unquote(bare.substring(depth, bare.length() - depth).strip());
    }

    private static Value value(String text, String where) {
        if (text.startsWith("'''") || text.startsWith("\"\"\"")) {
            return tripleQuoted(text, where);
        }
        List<String> items = new ArrayList<>();
        boolean list = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            if (c == '"' || c == '\'') {
                end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new Failure.BadInput(where + "a quote " + c + " that is never closed");
                }
                items.add(text.substring(i + 1, end));
                end++;
            } else {
                end = firstOf(text, i, ",#");
                String item = text.substring(i, end).strip();
                if (!item.isEmpty() || end < text.length() && text.charAt(end) == ',') {
                    items.add(item);
                }
            }
            i = skipSpaces(text, end);
            if (i >= text.length() || text.charAt(i) == '#') {
                break;
            }
            if (text.charAt(i) != ',') {
                throw new Failure.BadInput(where + "unexpected text after a quoted value: " + text.substring(i));
            }
            list = true;
            i = skipSpaces(text, i + 1);
        }
        if (items.isEmpty()) {
            items.add("");
        }
        return new Value(items, list);
    }

    /** ConfigObj's quoting of a value holding both kinds of quote: single-line only, as certbot writes it. */
    private static Value tripleQuoted(String text, String where) {
        String quote = text.substring(0, 3);
        int end = text.indexOf(quote, 3);
        if (end < 0) {
            throw new Failure.BadInput(where + "a value across several lines is not read");
        }
        String rest = text.substring(end + 3).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new Failure.BadInput(where + "unexpected text after a quoted value: " + rest);
        }
        return new Value(List.of(text.substring(3, end)), false);
    }

    private static int firstOf(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
