package io.acmectl.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acmectl.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the small documents the store keeps beside keys and certificates (the records of
 * this package), as indented JSON: readable, and parsed some thirty times faster than YAML, which
 * counts when a cron run looks at a thousand certificates and finds nothing due. The shape is the one
 * databind wrote (kebab-case keys, ISO instants); {@link RecordReader} and {@link RecordWriter} keep
 * it with jackson-core alone, as databind's set-up was a fifth of a run that finds nothing due; a
 * document in any other form is still read by databind.
 */
final class Documents {
    private Documents() {}

    /** Damaged JSON, a wrong type, a value a record refuses: an IOException. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        return read(Files.readAllBytes(file), type);
    }

    static <T> T read(byte[] content, Class<T> type) throws IOException {
        try {
            return RecordReader.read(content, type);
        } catch (IOException | RuntimeException notAsWritten) {
            // Not in the form the store writes (a hand edit, an older version's, damage): read as it always
            // was, with databind's lenience (a number as text, an instant as seconds) and its errors.
            return Lenient.JSON.readValue(content, type);
        }
    }

    /** databind as the store always read with it; set up only for a document RecordReader refuses. */
    private static final class Lenient {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static void write(Path file, Object document) throws IOException {
        AtomicFiles.write(file, bytes(document), AtomicFiles.PUBLIC);
    }

    /** The bytes {@link #write} writes: a lineage's record goes to two files, byte for byte the same. */
    static byte[] bytes(Object document) throws IOException {
        return RecordWriter.bytes(document);
    }
}
