package io.acmectl.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the store's records as JSON, byte for byte as databind with the store's settings did (kebab-case
 * keys in the order of the record's components, instants as ISO-8601 text, nulls left out of a record
 * marked {@code @JsonInclude(NON_NULL)}, indented by jackson-core's {@link DefaultPrettyPrinter}), so that
 * no run sets databind up to store what it obtained. {@code RecordReaderTest} compares the two.
 */
final class RecordWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordWriter() {}

    static byte[] bytes(Object document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            write(generator, document);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Record record) {
            record(generator, record);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else {
            scalar(generator, value);
        }
    }

    private static void record(JsonGenerator generator, Record record) throws IOException {
        RecordShape shape = RecordShape.of(record.getClass());
        generator.writeStartObject();
        for (int i = 0; i < shape.keys.length; i++) {
            Object value = shape.value(record, i);
            if (value == null && shape.skipNulls) {
                continue;
            }
            generator.writeFieldName(shape.keys[i]);
            write(generator, value);
        }
        generator.writeEndObject();
    }

    private static void scalar(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean truth) {
            generator.writeBoolean(truth);
        } else if (value instanceof Instant instant) {
            generator.writeString(instant.toString());
        } else if (value instanceof Enum<?> constant) {
            generator.writeString(constant.name());
        } else {
            throw new IllegalStateException("a store record holds a " + value.getClass() + ", which RecordWriter "
                    + "cannot write");
        }
    }
}
