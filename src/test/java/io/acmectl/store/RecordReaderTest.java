package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store reads its documents without databind ({@link RecordReader}) but must read them as databind
 * did, which writes them: every field of every document, filled by reflection (so a field added later is
 * covered without a change here), and the lenient cases a hand edit or an older version produce.
 */
class RecordReaderTest {
    static Stream<Class<?>> documents() {
        return Stream.of(LineageRecord.class, PendingOrderRecord.class, WantListRecord.Cached.class,
                RequestLogRecord.class, AccountRecord.class);
    }

    private static <T> void sameAsDatabind(String json, Class<T> type) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(Documents.readWithDatabind(bytes, type), Documents.read(bytes, type), json);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyFieldOfEveryDocumentReadsBackAsDatabindReadsIt(Class<?> type) throws Exception {
        Object sample = Samples.of(type);
        byte[] json = Documents.bytes(sample);
        assertEquals(sample, Documents.read(json, type));
        assertEquals(Documents.readWithDatabind(json, type), Documents.read(json, type));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void anEmptyDocumentIsAllNullsAndZeros(Class<?> type) throws Exception {
        sameAsDatabind("{}", type);
    }

    @Test
    void unknownKeysAreSkippedNullsAreNullAndTextIsTakenForNumbersAndTruth() throws Exception {
        sameAsDatabind("""
                { "name": "a", "added-by-a-newer-version": { "deep": [1, {"x": null}] }, "version": "3",
                  "serial": null, "issued-at": 1764630113.5, "not-after": 1764630113,
                  "settings": { "domains": ["a.test"], "key": { "type": "ec256", "reuse": "true" },
                                "challenge": { "type": "http-01", "port": null },
                                "challenges-by-name": { "*.a.test": { "type": "dns-01" } } },
                  "renewal": { "deploy-pending": false, "ari-unsupported": null } }
                """, LineageRecord.class);
    }

    @Test
    void damagedOrMistypedDocumentsAreIoExceptions() {
        for (String json : List.of("", "{", "{\"version\": \"three\"}", "{\"version\": [1]}", "[]",
                "{\"issued-at\": \"yesterday\"}", "{\"settings\": \"none\"}", "{\"settings\": {\"domains\": \"a\"}}")) {
            IOException refused = assertThrows(IOException.class,
                    () -> Documents.read(json.getBytes(StandardCharsets.UTF_8), LineageRecord.class), json);
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), json);
        }
    }

    @Test
    void keysAreKebabCaseAsDatabindMakesThem() {
        assertEquals("ari-window-start", RecordReader.Shape.kebab("ariWindowStart"));
        assertEquals("ca-url", RecordReader.Shape.kebab("caURL"));
        assertEquals("http01-port", RecordReader.Shape.kebab("http01Port"));
        assertEquals("name", RecordReader.Shape.kebab("name"));
    }

    /** A record with every component set: text, numbers, true, an instant, one-element lists and maps. */
    static final class Samples {
        static Object of(Type type) throws ReflectiveOperationException {
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
            if (raw.isRecord()) {
                RecordComponent[] components = raw.getRecordComponents();
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = components[i].getType() == String.class ? "text-" + components[i].getName()
                            : of(components[i].getGenericType());
                }
                var constructor = raw.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            }
            Type[] arguments = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
            if (raw == List.class) {
                return List.of(of(arguments[0]));
            }
            if (raw == Map.class) {
                return Map.of("key", of(arguments[1]));
            }
            return scalar(raw);
        }

        private static Object scalar(Class<?> raw) {
            if (raw == String.class) {
                return "text";
            }
            if (raw == int.class || raw == Integer.class) {
                return 7;
            }
            if (raw == long.class || raw == Long.class) {
                return 1L << 40;
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return true;
            }
            if (raw == Instant.class) {
                return Instant.parse("2026-12-01T23:01:53.894121436Z");
            }
            if (raw.isEnum()) {
                return raw.getEnumConstants()[raw.getEnumConstants().length - 1];
            }
            throw new IllegalStateException("no sample for " + raw);
        }
    }
}
