package io.acmectl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acmectl.core.Failure;
import io.acmectl.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things stand in a want list, for error messages: {@code FILE:LINE:COLUMN:}. The positions
 * are only needed to report an error, so they are found by a second pass over the text, and only then.
 */
final class Positions {
    /** Prefix of the pointers that say where a key (not its value) stands. */
    static final String KEY = "key:";
    /** Where SnakeYAML says a problem stands: "... in 'reader', line 3, column 4:". */
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+):");
    /** How an error made here begins after the file's name: "12:7:". */
    private static final Pattern LINE_COLUMN = Pattern.compile("(\\d{1,9}):(\\d{1,9}):");
    /** More columns than a line of a 1 MiB file can have, so that line * COLUMNS + column sorts by line first. */
    private static final long COLUMNS = 1L << 21;

    private final YAMLFactory yaml;
    private final Path file;
    private final String text;
    private Map<String, JsonLocation> at;

    Positions(YAMLFactory yaml, Path file, String text) {
        this.yaml = yaml;
        this.file = file;
        this.text = text;
    }

    /** The error for the value at a JSON pointer ({@code /certificates/0/domains/1}). */
    Failure.BadInput fail(String pointer, String message) {
        return new Failure.BadInput(where(pointer) + " " + message);
    }

    /** The error for a key at a JSON pointer ({@code /certificates/0/domainz}): where the key stands. */
    Failure.BadInput failAtKey(String pointer, String message) {
        JsonLocation key = all().get(KEY + pointer);
        return new Failure.BadInput((key != null ? prefix(key) : where(pointer)) + " " + message);
    }

    /** The errors made here, sorted in file order (line, then column; one at the file alone first). */
    List<Failure.BadInput> inFileOrder(List<Failure.BadInput> errors) {
        return errors.stream().sorted(Comparator.comparingLong(this::order)).toList();
    }

    /** Where an error made here stands, as one number that sorts by line, then column; 0 at the file alone. */
    private long order(Failure.BadInput error) {
        String message = error.getMessage();
        String shown = BoundedFiles.shown(file) + ":";
        Matcher at = LINE_COLUMN.matcher(message);
        if (!message.startsWith(shown) || !at.region(shown.length(), message.length()).lookingAt()) {
            return 0;
        }
        return Long.parseLong(at.group(1)) * COLUMNS + Long.parseLong(at.group(2));
    }

    /** The error at a location the parser gave, or at the file alone when it gave none. */
    Failure.BadInput fail(JsonLocation location, String message) {
        return new Failure.BadInput(prefix(location) + " " + message);
    }

    /** The location recorded for a pointer ({@code key:}-prefixed for a key), else the one given. */
    JsonLocation orElse(String pointer, JsonLocation otherwise) {
        return all().getOrDefault(pointer, otherwise);
    }

    /** The value at the pointer, else its key, else the nearest enclosing thing that has a place. */
    String where(String pointer) {
        Map<String, JsonLocation> at = all();
        JsonLocation location = at.containsKey(pointer) ? at.get(pointer) : at.get(KEY + pointer);
        if (location == null && pointer.matches("/certificates/\\d+")) {
            location = at.get(KEY + pointer + "/name"); // a certificate is where its name is
        }
        for (String p = pointer; location == null && p.contains("/"); ) {
            p = p.substring(0, p.lastIndexOf('/'));
            location = at.get(p);
        }
        return prefix(location);
    }

    /**
     * A parser's complaint, at the place SnakeYAML names in its message (its own line and column:
     * Jackson's location is that of the last good token) and in its first line.
     */
    Failure.BadInput invalid(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher mark = MARK.matcher(message);
        String where = null;
        while (mark.find()) {
            where = BoundedFiles.shown(file) + ":" + mark.group(1) + ":" + mark.group(2) + ":";
        }
        String what = message.contains("\\t(TAB)") ? "a tab in the indentation: YAML indents with spaces only"
                : "not valid YAML: " + WantListLoader.firstLine(message);
        return new Failure.BadInput((where != null ? where : prefix(e.getLocation())) + " " + what, e);
    }

    Path file() {
        return file;
    }

    private String prefix(JsonLocation location) {
        String shown = BoundedFiles.shown(file);
        return location == null || location.getLineNr() < 1 ? shown + ":"
                : shown + ":" + location.getLineNr() + ":" + location.getColumnNr() + ":";
    }

    private synchronized Map<String, JsonLocation> all() {
        if (at == null) {
            at = scan();
        }
        return at;
    }

    /**
     * Where each value stands, by JSON pointer ({@code /certificates/0/domains/1}), and each key
     * (under {@code key:/certificates/0/domains}).
     */
    private Map<String, JsonLocation> scan() {
        Map<String, JsonLocation> found = new HashMap<>();
        try (JsonParser parser = yaml.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.FIELD_NAME) {
                    found.putIfAbsent(KEY + pointer, parser.currentTokenLocation());
                } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    found.putIfAbsent(pointer, parser.currentTokenLocation());
                }
            }
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new Failure.BadInput("cannot read want list " + BoundedFiles.shown(file) + ": " + e.getMessage(), e);
        }
        return found;
    }
}
