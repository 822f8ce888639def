package io.acmectl.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's JSON documents into its records the way {@link Documents}' ObjectMapper reads them
 * (kebab-case keys, ISO instants, unknown keys ignored, absent or null values null, or 0 and false),
 * with jackson-core's streaming parser and each record's canonical constructor. A run that finds nothing
 * to renew reads the want-list cache and every lineage's record, and databind's set-up and its
 * introspection of each record type were a fifth of such a run; nothing here needs them.
 * {@code RecordReaderTest} holds it to databind's reading of every document the store writes.
 */
final class RecordReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

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
            return raw.isPrimitive() ? Shape.zero(raw) : null;
        }
        if (raw.isRecord()) {
            return record(parser, SHAPES.get(raw));
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

    private static Object record(JsonParser parser, Shape shape) throws IOException {
        expect(parser, JsonToken.START_OBJECT, shape.type.getSimpleName());
        Object[] values = shape.defaults();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer index = shape.indexOf.get(parser.currentName());
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
            throw new JsonParseException(parser, "expected " + what + " (" + token + "), found " + parser.currentToken());
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        if (!(type instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("a store document's collection without its element type: " + type);
        }
        return parameterized.getActualTypeArguments()[index];
    }

    /** A record type: its keys (kebab-case, as {@code PropertyNamingStrategies.KEBAB_CASE} makes them). */
    record Shape(Class<?> type, Map<String, Integer> indexOf, Type[] types, Class<?>[] raws,
            Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Map<String, Integer> indexOf = new HashMap<>();
            Type[] types = new Type[components.length];
            Class<?>[] raws = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                indexOf.put(kebab(components[i].getName()), i);
                types[i] = components[i].getGenericType();
                raws[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(raws);
                constructor.setAccessible(true);
                return new Shape(type, indexOf, types, raws, constructor);
            } catch (NoSuchMethodException cannotHappen) {
                throw new IllegalStateException("a record without its canonical constructor: " + type, cannotHappen);
            }
        }

        Object[] defaults() {
            Object[] values = new Object[raws.length];
            for (int i = 0; i < raws.length; i++) {
                values[i] = raws[i].isPrimitive() ? zero(raws[i]) : null;
            }
            return values;
        }

        Object create(Object[] values) throws IOException {
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                // A record that checks its values refused them: the document is wrong, as databind says too.
                throw new IOException("cannot make a " + type.getSimpleName() + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
            }
        }

        static Object zero(Class<?> primitive) {
            if (primitive == boolean.class) {
                return false;
            }
            return primitive == long.class ? (Object) 0L : (Object) 0;
        }

        /**
         * {@code ariWindowStart} → {@code ari-window-start}; a run of capitals is one word ({@code caURL} →
         * {@code ca-url}), as databind's KEBAB_CASE has it.
         */
        static String kebab(String name) {
            StringBuilder key = new StringBuilder(name.length() + 4);
            boolean previousUpper = false;
            for (char c : name.toCharArray()) {
                boolean upper = Character.isUpperCase(c);
                if (upper && !previousUpper && key.length() > 0 && key.charAt(key.length() - 1) != '-') {
                    key.append('-');
                }
                key.append(upper ? Character.toLowerCase(c) : c);
                previousUpper = upper;
            }
            return key.toString();
        }
    }
}
