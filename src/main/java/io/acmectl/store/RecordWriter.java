package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
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
        Layout layout = LAYOUTS.get(record.getClass());
        generator.writeStartObject();
        for (int i = 0; i < layout.accessors.length; i++) {
            Object value;
            try {
                value = layout.accessors[i].invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + layout.accessors[i] + " of a store record", e);
            }
            if (value == null && layout.skipNulls) {
                continue;
            }
            generator.writeFieldName(layout.keys[i]);
            write(generator, value);
        }
        generator.writeEndObject();
    }

    /** A record type's accessors and keys, worked out once: a batch writes hundreds of records. */
    private record Layout(Method[] accessors, SerializedString[] keys, boolean skipNulls) {
        static Layout of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            SerializedString[] keys = new SerializedString[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                keys[i] = new SerializedString(RecordReader.Shape.kebab(components[i].getName()));
            }
            JsonInclude include = type.getAnnotation(JsonInclude.class);
            return new Layout(accessors, keys, include != null && include.value() == JsonInclude.Include.NON_NULL);
        }
    }

    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return Layout.of(type);
        }
    };

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
