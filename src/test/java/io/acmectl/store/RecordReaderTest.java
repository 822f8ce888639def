package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
 * The store reads and writes its documents without databind ({@link RecordReader}, {@link RecordWriter})
 * but must read and write them as databind did with the store's settings: every field of every document,
 * filled by reflection (so a field added later is covered without a change here), written byte for byte
 * the same, and read the same, also in the lenient cases a hand edit or an older version produce.
 */
class RecordReaderTest {
    /** databind as the store used it until it read and wrote with jackson-core alone. */
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<Class<?>> documents() {
        return Stream.of(LineageRecord.class, PendingOrderRecord.class, WantListRecord.Cached.class,
                RequestLogRecord.class, AccountRecord.class);
    }

    private static <T> void sameAsDatabind(String json, Class<T> type) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(DATABIND.readValue(bytes, type), Documents.read(bytes, type), json);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyFieldOfEveryDocumentReadsBackAsDatabindReadsIt(Class<?> type) throws Exception {
        Object sample = Samples.of(type);
        byte[] json = Documents.bytes(sample);
        assertEquals(new String(DATABIND.writeValueAsBytes(sample), StandardCharsets.UTF_8),
                new String(json, StandardCharsets.UTF_8));
        // RecordReader itself, not the lenient reader behind it: what the store writes takes the quick way.
        assertEquals(sample, RecordReader.read(json, type));
        assertEquals(DATABIND.readValue(json, type), RecordReader.read(json, type));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void nullsAndEmptyListsAreWrittenAsDatabindWroteThem(Class<?> type) throws Exception {
        Object empty = RecordReader.read("{}".getBytes(StandardCharsets.UTF_8), type); // every reference null
        assertEquals(new String(DATABIND.writeValueAsBytes(empty), StandardCharsets.UTF_8),
                new String(Documents.bytes(empty), StandardCharsets.UTF_8));
        Object emptyLists = Documents.read("{\"requests\": [], \"domains\": [], \"contacts\": [], \"certificates\": []}"
                .getBytes(StandardCharsets.UTF_8), type);
        assertEquals(new String(DATABIND.writeValueAsBytes(emptyLists), StandardCharsets.UTF_8),
                new String(Documents.bytes(emptyLists), StandardCharsets.UTF_8));
    }

    @Test
    void aWrittenLineageKeepsItsTextAsItWas() throws Exception {
        String json = """
                {
                  "name" : "c1",
                  "version" : 1,
                  "serial" : "33bfcab336bd4397",
                  "issued-at" : "2026-12-01T23:01:53.894121436Z",
                  "settings" : {
                    "server" : "https://localhost:39541/dir",
                    "domains" : [ "c1.bench.example.test", "*.b.test" ],
                    "key" : {
                      "type" : "ec256",
                      "reuse" : false
                    },
                    "challenge" : {
                      "type" : "http-01",
                      "port" : 45115
                    },
                    "hooks" : {
                      "pre" : [ ],
                      "post" : [ ],
                      "deploy" : [ ]
                    }
                  },
                  "renewal" : { }
                }""";
        LineageRecord read = RecordReader.read(json.getBytes(StandardCharsets.UTF_8), LineageRecord.class);
        assertEquals(json, new String(Documents.bytes(read), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void anEmptyDocumentIsAllNullsAndZeros(Class<?> type) throws Exception {
        sameAsDatabind("{}", type);
    }

    @Test
    void handEditedValuesReadAsDatabindReadsThem() throws Exception {
        // Forms acmectl never writes: the lenient reader (databind, as always) takes them.
        for (String renewal : List.of("\"ari-window-start\": \"\"", "\"ari-window-start\": \"1764630113\"",
                "\"ari-window-start\": 1764630113", "\"deploy-pending\": 1", "\"deploy-pending\": \"TRUE\"",
                "\"deploy-pending\": \"\"", "\"ari-next-check\": \"2026-12-01T23:01:53+01:00\"")) {
            sameAsDatabind("{ \"name\": \"a\", \"version\": 1.7, \"renewal\": { " + renewal + " } }",
                    LineageRecord.class);
        }
        sameAsDatabind("{ \"version\": \"\" }", LineageRecord.class);
        sameAsDatabind("{ \"version\": \"3\" }", LineageRecord.class);
    }

    @Test
    void anInstantOutOfRangeIsAnIoException() {
        for (String json : List.of("{\"not-after\": 99999999999999999}", "{\"not-after\": -99999999999999999}",
                "{\"not-after\": 1e30}")) {
            assertThrows(IOException.class, () -> Documents.read(json.getBytes(StandardCharsets.UTF_8),
                    LineageRecord.class), json);
        }
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
        assertEquals("ari-window-start", RecordShape.kebab("ariWindowStart"));
        assertEquals("ca-url", RecordShape.kebab("caURL"));
        assertEquals("http01-port", RecordShape.kebab("http01Port"));
        assertEquals("name", RecordShape.kebab("name"));
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
