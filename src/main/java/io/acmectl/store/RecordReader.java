package io.acmectl.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's JSON documents, in the form {@link RecordWriter} writes them, into its records as
 * databind reads them (kebab-case keys, unknown keys ignored, absent or null values null, or 0 and
 * false), with jackson-core's streaming parser and each record's canonical constructor. A document in
 * any other form is refused with an IOException, and {@link Documents} reads it with databind. A run
 * that finds nothing to renew reads the want-list cache and every lineage's record, and databind's
 * set-up and its introspection of each record type were a fifth of such a run.
 * {@code RecordReaderTest} holds it to databind's reading of every document the store writes.
 */
final class RecordReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordReader() {}

    /** Damaged JSON, or a value of the wrong type, is an IOException (a JsonParseException saying where). */
    static <T> T read(byte[] json, Class<T> type) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "no content");
            }
            return type.cast(value(parser, type));
        }
    }

    /** The value at the parser's current token, of {@code type}; the parser is left on its last token. */
    private static Object value(JsonParser parser, Type type) throws IOException {
        JsonToken token = parser.currentToken();
        Class<?> raw = raw(type);
        if (token == JsonToken.VALUE_NULL) {
            return raw.isPrimitive() ? RecordShape.zero(raw) : null;
        }
        if (raw.isRecord()) {
            return record(parser, RecordShape.of(raw));
        }
        if (raw == List.class) {
            return list(parser, argument(type, 0));
        }
        if (raw == Map.class) {
            if (argument(type, 0) != String.class) {
                throw new IllegalStateException("a store document's map has other keys than text: " + type);
            }
            return map(parser, argument(type, 1));
        }
        return JsonScalars.read(parser, raw);
    }

    private static Object record(JsonParser parser, RecordShape shape) throws IOException {
        expect(parser, JsonToken.START_OBJECT, shape.type.getSimpleName());
        Object[] values = shape.defaults();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer index = shape.indexOf(parser.currentName());
            parser.nextToken();
            if (index == null) {
                parser.skipChildren(); // a key this version does not know: written by a newer one, or by hand
            } else {
                values[index] = value(parser, shape.types[index]);
            }
        }
        return shape.create(values);
    }

    private static List<Object> list(JsonParser parser, Type element) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "a list");
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(parser, element));
        }
        return list;
    }

    private static Map<String, Object> map(JsonParser parser, Type value) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "a map");
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            map.put(key, value(parser, value));
        }
        return map;
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws IOException {
        if (parser.currentToken() != token) {
            throw new JsonParseException(parser, "expected " + what + " (" + token + "), found "
                    + parser.currentToken());
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        if (!(type instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("a store document's collection without its element type: " + type);
        }
        return parameterized.getActualTypeArguments()[index];
    }
}
