package io.acmectl.store;

import io.acmectl.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the small documents the store keeps beside keys and certificates (the records of
 * this package), as indented JSON: readable, and parsed some thirty times faster than YAML, which
 * counts when a cron run looks at a thousand certificates and finds nothing due. The shape is the one
 * databind wrote (kebab-case keys, ISO instants); {@link RecordReader} and {@link RecordWriter} keep
 * it with jackson-core alone, as databind's set-up was a fifth of a run that finds nothing due.
 */
final class Documents {
    private Documents() {}

    /** Damaged JSON, a wrong type, a value a record refuses: an IOException. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        return RecordReader.read(Files.readAllBytes(file), type);
    }

    static <T> T read(byte[] content, Class<T> type) throws IOException {
        return RecordReader.read(content, type);
    }

    static void write(Path file, Object document) throws IOException {
        AtomicFiles.write(file, bytes(document), AtomicFiles.PUBLIC);
    }

    /** The bytes {@link #write} writes: a lineage's record goes to two files, byte for byte the same. */
    static byte[] bytes(Object document) throws IOException {
        return RecordWriter.bytes(document);
    }
}
