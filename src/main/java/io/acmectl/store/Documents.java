package io.acmectl.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes the small YAML files the store keeps beside keys and certificates. */
final class Documents {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Files written by a newer acmectl must stay readable by this one.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Documents() {}

    /** Reads YAML or JSON (JSON is YAML too), so account.json and renewal/NAME.yaml share a reader. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        return YAML.readValue(Files.readString(file), type);
    }

    static void write(Path file, Object document) throws IOException {
        AtomicFiles.write(file, YAML.writeValueAsString(document).getBytes(StandardCharsets.UTF_8),
                AtomicFiles.PUBLIC);
    }

    static void writeJson(Path file, Object document) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(document), AtomicFiles.PUBLIC);
    }
}
