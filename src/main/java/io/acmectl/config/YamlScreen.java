package io.acmectl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One pass over a want list's YAML before it is bound, for what binding would get silently wrong:
 * a key given twice (binding keeps the last), an alias (Jackson hands over the anchor's name as a
 * string: a hook would run the command {@code reload}), and nesting no want list needs (a
 * parser's stack is not ours to spend). Anchors and aliases are refused rather than resolved: a
 * want list has no use for them, and refusing them also stops alias bombs.
 */
final class YamlScreen {
    /** A want list is five levels deep (certificates, an entry, challenge, standalone, port); twice that is plenty. */
    static final int MAX_DEPTH = 10;

    private YamlScreen() {}

    static void check(YAMLFactory yaml, Positions positions, String text) {
        Deque<Map<String, JsonLocation>> keys = new ArrayDeque<>();
        try (YAMLParser parser = (YAMLParser) yaml.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                String anchor = parser.getCurrentAnchor();
                if (parser.isCurrentAlias() || anchor != null && token != JsonToken.FIELD_NAME) {
                    String shown = parser.isCurrentAlias() ? "*" + parser.getText() : "&" + anchor;
                    throw positions.fail(at, "YAML anchors and aliases are not supported here (" + Quote.of(shown)
                            + "): write the value out in full");
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (keys.size() >= MAX_DEPTH) {
                        throw positions.fail(at, "nested more than " + MAX_DEPTH
                                + " levels deep: that is no want list");
                    }
                    keys.push(new HashMap<>());
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    keys.pop();
                } else if (token == JsonToken.FIELD_NAME) {
                    JsonLocation first = keys.peek().putIfAbsent(parser.currentName(), at);
                    if (first != null) {
                        throw positions.fail(at, "duplicate key " + Quote.of(parser.currentName()) + " (first at "
                                + first.getLineNr() + ":" + first.getColumnNr() + ")");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw positions.invalid(e);
        } catch (IOException e) {
            throw new Failure.BadInput("cannot read want list " + positions.file() + ": " + e.getMessage(), e);
        }
    }
}
