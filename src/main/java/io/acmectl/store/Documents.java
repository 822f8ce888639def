package io.acmectl.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acmectl.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the small documents the store keeps beside keys and certificates (the records of
 * this package), as indented JSON: readable, and parsed some thirty times faster than YAML, which
 * counts when a cron run looks at a thousand certificates and finds nothing due. Written by databind;
 * read by {@link RecordReader}, so that a run that only reads (nothing due) never sets databind up.
 */
final class Documents {
    /** Loaded on the first write only. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Documents() {}

    /** Damaged JSON, a wrong type, a value a record refuses: an IOException. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        return RecordReader.read(Files.readAllBytes(file), type);
    }

    static <T> T read(byte[] content, Class<T> type) throws IOException {
        return RecordReader.read(content, type);
    }

    /** As databind reads it: for RecordReaderTest, which holds the two to the same results. */
    static <T> T readWithDatabind(byte[] content, Class<T> type) throws IOException {
        return Writer.JSON.readValue(content, type);
    }

    static void write(Path file, Object document) throws IOException {
        AtomicFiles.write(file, bytes(document), AtomicFiles.PUBLIC);
    }

    /** The bytes {@link #write} writes: a lineage's record goes to two files, byte for byte the same. */
    static byte[] bytes(Object document) throws IOException {
        return Writer.JSON.writeValueAsBytes(document);
    }
}
